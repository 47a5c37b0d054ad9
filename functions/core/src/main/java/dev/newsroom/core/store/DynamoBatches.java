package dev.newsroom.core.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The DynamoDB calls that take more than one request: a query read page by page, and batch gets
 * and writes split to DynamoDB's limits. A throttled batch comes back with keys or items
 * unprocessed; they go again after a pause that doubles each time (half of it random, so callers
 * throttled together do not all return at once: the SDK's own backoff), and after
 * {@value #ATTEMPTS} tries the call fails. Independent conditional writes go in transactions
 * ({@link #transact}), each write keeping its own outcome.
 */
public final class DynamoBatches {

    static final int ATTEMPTS = 8;
    static final BackoffStrategy BACKOFF = BackoffStrategy.exponentialDelayHalfJitter(Duration.ofMillis(25), Duration.ofSeconds(1));
    private static final int GET_LIMIT = 100;
    private static final int WRITE_LIMIT = 25;
    private static final int TRANSACTION_LIMIT = 100;

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

    /** How many items the query matches, counted page by page without reading them. */
    public static int count(DynamoDbClient dynamo, QueryRequest request) {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = dynamo.query(request.toBuilder().select(Select.COUNT).exclusiveStartKey(start).build());
            count += response.count();
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /**
     * How a retry waits out its backoff. Nothing can be waited for instead: the pause is what lets a
     * throttled table recover. Tests record the pauses rather than wait through them.
     */
    interface Pause {
        Pause SLEEP = (duration, table) -> {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw AbortedException.create("interrupted while waiting to retry a batch on " + table, e);
            }
        };

        void take(Duration duration, String table);
    }

    /** The items with these keys that exist, read strongly consistent, in no particular order. */
    public static List<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys) {
        return get(dynamo, table, keys, List.of(), Pause.SLEEP);
    }

    /** As {@link #get(DynamoDbClient, String, List)}, reading only the {@code attributes} named of each item. */
    public static List<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys,
                                                        List<String> attributes) {
        return get(dynamo, table, keys, attributes, Pause.SLEEP);
    }

    static List<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys,
                                                 Pause pause) {
        return get(dynamo, table, keys, List.of(), pause);
    }

    private static List<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys,
                                                         List<String> attributes, Pause pause) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, String> names = new java.util.LinkedHashMap<>();
        attributes.forEach(name -> names.put("#a" + names.size(), name));
        for (int from = 0; from < keys.size(); from += GET_LIMIT) {
            KeysAndAttributes.Builder batch = KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + GET_LIMIT))).consistentRead(true);
            if (!names.isEmpty()) {
                batch.projectionExpression(String.join(", ", names.keySet())).expressionAttributeNames(names);
            }
            Map<String, KeysAndAttributes> pending = Map.of(table, batch.build());
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                pauseBefore(attempt, table, pause);
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
        write(dynamo, table, writes, Pause.SLEEP);
    }

    static void write(DynamoDbClient dynamo, String table, List<WriteRequest> writes, Pause pause) {
        for (int from = 0; from < writes.size(); from += WRITE_LIMIT) {
            Map<String, List<WriteRequest>> pending = Map.of(table, writes.subList(from, Math.min(writes.size(), from + WRITE_LIMIT)));
            for (int attempt = 1; !pending.getOrDefault(table, List.of()).isEmpty(); attempt++) {
                pauseBefore(attempt, table, pause);
                Map<String, List<WriteRequest>> request = pending;
                pending = dynamo.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
            }
        }
    }

    /**
     * What became of one of {@link #transact}'s writes: written; or not, because its condition
     * failed; or not, because of {@code failure}.
     */
    public record Written(boolean written, Optional<RuntimeException> failure) {

        static final Written DONE = new Written(true, Optional.empty());
        static final Written CONDITION_FAILED = new Written(false, Optional.empty());
    }

    /**
     * Sends independent writes (of different items) in transactions of up to 100, for a store that
     * pays per request, as DynamoDB Local does per commit: one request where there would be a hundred.
     * Each write keeps its own outcome. A write whose condition fails leaves its transaction, which is
     * sent again without it; a transaction that fails otherwise is sent again write by write, so
     * a failure is pinned on the write that caused it and the others go in.
     *
     * @return each write's outcome, in order
     */
    public static List<Written> transact(DynamoDbClient dynamo, List<TransactWriteItem> writes) {
        Written[] outcomes = new Written[writes.size()];
        for (int from = 0; from < writes.size(); from += TRANSACTION_LIMIT) {
            List<Integer> chunk = IntStream.range(from, Math.min(writes.size(), from + TRANSACTION_LIMIT)).boxed().toList();
            transactTogether(dynamo, writes, new ArrayList<>(chunk), outcomes);
        }
        return List.of(outcomes);
    }

    /**
     * {@link #transact}, for writes whose conditions failing is as good as their going in.
     *
     * @throws RuntimeException the first failure, once every other write has gone in
     */
    public static void transactEach(DynamoDbClient dynamo, List<TransactWriteItem> writes) {
        transact(dynamo, writes).stream().flatMap(written -> written.failure().stream()).findFirst().ifPresent(failure -> {
            throw failure;
        });
    }

    private static void transactTogether(DynamoDbClient dynamo, List<TransactWriteItem> writes, List<Integer> left, Written[] outcomes) {
        while (!left.isEmpty()) {
            List<TransactWriteItem> together = left.stream().map(writes::get).toList();
            try {
                dynamo.transactWriteItems(r -> r.transactItems(together));
                left.forEach(i -> outcomes[i] = Written.DONE);
                return;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                List<Integer> failed = IntStream.range(0, Math.min(left.size(), reasons.size()))
                        .filter(k -> "ConditionalCheckFailed".equals(reasons.get(k).code())).mapToObj(left::get).toList();
                if (failed.isEmpty()) {
                    oneByOne(dynamo, writes, left, outcomes, e);
                    return;
                }
                failed.forEach(i -> outcomes[i] = Written.CONDITION_FAILED);
                left.removeAll(failed);
            } catch (RuntimeException e) {
                oneByOne(dynamo, writes, left, outcomes, e);
                return;
            }
        }
    }

    private static void oneByOne(DynamoDbClient dynamo, List<TransactWriteItem> writes, List<Integer> left, Written[] outcomes,
                                 RuntimeException failure) {
        if (left.size() == 1) {
            outcomes[left.get(0)] = new Written(false, Optional.of(failure));
            return;
        }
        left.forEach(i -> transactTogether(dynamo, writes, new ArrayList<>(List.of(i)), outcomes));
    }

    /** Waits before a retry, as the backoff counts attempts (the first goes at once); one past the last fails. */
    private static void pauseBefore(int attempt, String table, Pause pause) {
        if (attempt > ATTEMPTS) {
            throw SdkException.create("DynamoDB left part of a batch on " + table + " unprocessed after " + ATTEMPTS + " tries", null);
        }
        if (attempt > 1) {
            pause.take(BACKOFF.computeDelay(attempt), table);
        }
    }
}
