package dev.newsroom.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The DynamoDB calls that take more than one request: a query read page by page, and batch gets
 * and writes split to DynamoDB's limits. A throttled batch comes back with keys or items
 * unprocessed; they go again after a pause that doubles each time (half of it random, so callers
 * throttled together do not all return at once), and after {@value #ATTEMPTS} tries the call fails.
 */
public final class DynamoBatches {

    static final int ATTEMPTS = 8;
    private static final long FIRST_PAUSE_MILLIS = 25;
    private static final long LONGEST_PAUSE_MILLIS = 1000;
    private static final int GET_LIMIT = 100;
    private static final int WRITE_LIMIT = 25;

    private DynamoBatches() {
    }

    /** The query's items, page after page, until there are {@code limit} or no more. */
    public static List<Map<String, AttributeValue>> query(DynamoDbClient dynamo, QueryRequest request, int limit) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = dynamo.query(request.toBuilder().exclusiveStartKey(start).build());
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && items.size() < limit);
        return items.size() > limit ? items.subList(0, limit) : items;
    }

    /** The items with these keys that exist, read strongly consistent, in no particular order. */
    public static List<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += GET_LIMIT) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + GET_LIMIT))).consistentRead(true).build());
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                pauseBefore(attempt, table);
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(request));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.unprocessedKeys();
            }
        }
        return items;
    }

    /** Writes every put and delete, in batches; each batch is all or nothing per item, not as a whole. */
    public static void write(DynamoDbClient dynamo, String table, List<WriteRequest> writes) {
        for (int from = 0; from < writes.size(); from += WRITE_LIMIT) {
            Map<String, List<WriteRequest>> pending = Map.of(table, writes.subList(from, Math.min(writes.size(), from + WRITE_LIMIT)));
            for (int attempt = 1; !pending.getOrDefault(table, List.of()).isEmpty(); attempt++) {
                pauseBefore(attempt, table);
                Map<String, List<WriteRequest>> request = pending;
                pending = dynamo.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
            }
        }
    }

    /** Waits before a retry; the first try goes at once, and one past the last fails. */
    private static void pauseBefore(int attempt, String table) {
        if (attempt == 1) {
            return;
        }
        if (attempt > ATTEMPTS) {
            throw SdkException.create("DynamoDB left part of a batch on " + table + " unprocessed after " + ATTEMPTS + " tries", null);
        }
        long longest = Math.min(LONGEST_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << (attempt - 2));
        long pause = longest / 2 + ThreadLocalRandom.current().nextLong(longest / 2 + 1);
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.create("interrupted while waiting to retry a batch on " + table, e);
        }
    }
}
