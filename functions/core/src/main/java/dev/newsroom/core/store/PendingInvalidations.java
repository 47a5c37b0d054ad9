package dev.newsroom.core.store;

import static dev.newsroom.core.store.IndexTable.key;

import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The edge paths a takedown's batch changed and has not yet seen invalidated, kept in the
 * {@linkplain IndexTable index table} (partition {@code invalidate}): when the invalidation fails,
 * the batch is delivered again, but its pages are written by then and a replay writes none, so
 * the paths must outlive the attempt that found them. Adds and removals name their paths, so
 * batches that overlap keep each other's.
 */
public final class PendingInvalidations {

    private static final String PARTITION = "invalidate";
    private static final String PATHS = "paths";

    private final DynamoDbClient dynamo;
    private final String indexTable;

    public PendingInvalidations(DynamoDbClient dynamo, String indexTable) {
        this.dynamo = dynamo;
        this.indexTable = indexTable;
    }

    public void add(Set<String> paths) {
        update("ADD", paths);
    }

    public Set<String> pending() {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(indexTable).key(key(PARTITION, IndexTable.SINGLE))
                .consistentRead(true)).item();
        return item.containsKey(PATHS) ? Set.copyOf(item.get(PATHS).ss()) : Set.of();
    }

    /** Forgets paths that were invalidated. */
    public void done(Set<String> paths) {
        update("DELETE", paths);
    }

    private void update(String action, Set<String> paths) {
        if (!paths.isEmpty()) {
            dynamo.updateItem(r -> r.tableName(indexTable).key(key(PARTITION, IndexTable.SINGLE))
                    .updateExpression(action + " #paths :paths").expressionAttributeNames(Map.of("#paths", PATHS))
                    .expressionAttributeValues(Map.of(":paths", AttributeValue.fromSs(java.util.List.copyOf(paths)))));
        }
    }
}
