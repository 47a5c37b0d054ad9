package dev.newsroom.core.store;

import static dev.newsroom.core.store.ArticleItems.s;
import static dev.newsroom.core.store.IndexTable.key;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How far the relate function got rendering every page again under a site configuration, kept in
 * the {@linkplain IndexTable index table} (partition {@code sweep}): a large site's pages take more
 * than one invocation, and the next goes on from here rather than from the start. Pages are swept in
 * a fixed order, articles by path and then listings by id, so "everything up to this one" is the
 * whole of what is done.
 */
public final class SweepProgress {

    /** Every page up to {@code last} of {@code part} is rendered under configuration {@code version}. */
    public record At(String version, String part, String last) {
    }

    private static final String PARTITION = "sweep";

    private final DynamoDbClient dynamo;
    private final String indexTable;

    public SweepProgress(DynamoDbClient dynamo, String indexTable) {
        this.dynamo = dynamo;
        this.indexTable = indexTable;
    }

    /** Where the sweep under {@code version} stopped, if one did; a sweep under another configuration counts for nothing. */
    public Optional<At> of(String version) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(indexTable).key(key(PARTITION, IndexTable.SINGLE))
                .consistentRead(true)).item();
        if (item == null || !item.containsKey("version") || !item.get("version").s().equals(version)) {
            return Optional.empty();
        }
        return Optional.of(new At(version, item.get("part").s(), item.get("last").s()));
    }

    public void save(At at) {
        Map<String, AttributeValue> item = new HashMap<>(key(PARTITION, IndexTable.SINGLE));
        item.put("version", s(at.version()));
        item.put("part", s(at.part()));
        item.put("last", s(at.last()));
        dynamo.putItem(r -> r.tableName(indexTable).item(item));
    }
}
