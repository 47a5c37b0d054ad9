package dev.newsroom.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.InjectedFaults;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import dev.newsroom.testkit.RequestLog;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Paging, batching and the retry of unprocessed keys and items, on DynamoDB Local's index table. */
@ExtendWith(LocalServicesExtension.class)
class DynamoBatchesOnLocalServicesIT {

    private final Provisioned local;
    private final String table;
    private final String id = UUID.randomUUID().toString().substring(0, 8);

    DynamoBatchesOnLocalServicesIT(Provisioned local) {
        this.local = local;
        this.table = local.name("IndexTable");
    }

    @Test
    void writesAndReadsMoreItemsThanOneRequestTakes() {
        var log = new RequestLog();
        DynamoDbClient dynamo = local.services().dynamoDb(List.of(log));
        List<String> pks = pks("many", 260);
        DynamoBatches.write(dynamo, table, puts(pks));
        List<Map<String, AttributeValue>> items = DynamoBatches.get(dynamo, table, keys(pks));
        assertEquals(260, items.size());
        assertEquals(Set.copyOf(pks), pksOf(items));
        assertEquals(11, Collections.frequency(log.requests(), "BatchWriteItemRequest"), "25 writes a request");
        assertEquals(3, Collections.frequency(log.requests(), "BatchGetItemRequest"), "100 keys a request");
    }

    /** A page of the desk reads its articles' titles, never their bodies. */
    @Test
    void readsOnlyTheAttributesNamed() {
        List<String> pks = pks("named", 3);
        DynamoBatches.write(local.services().dynamoDb(), table, puts(pks));
        List<Map<String, AttributeValue>> items = DynamoBatches.get(local.services().dynamoDb(), table, keys(pks), List.of(IndexTable.PK, "value"));
        assertEquals(Set.copyOf(pks), pksOf(items));
        items.forEach(item -> assertEquals(Set.of(IndexTable.PK, "value"), item.keySet(), "what was named, not the sort key"));
    }

    @Test
    void aQueryFollowsItsPagesUpToTheLimit() {
        String pk = id + "#query";
        List<String> sks = IntStream.range(0, 30).mapToObj(i -> String.format("%02d", i)).toList();
        DynamoBatches.write(local.services().dynamoDb(), table,
                sks.stream().map(sk -> WriteRequest.builder().putRequest(p -> p.item(IndexTable.key(pk, sk))).build()).toList());
        var log = new RequestLog();
        DynamoDbClient dynamo = local.services().dynamoDb(List.of(log));
        QueryRequest pagesOfSeven = IndexTable.query(table, pk).limit(7).build();

        assertEquals(sks, sksOf(DynamoBatches.query(dynamo, pagesOfSeven, Integer.MAX_VALUE)));
        assertEquals(5, log.requests().size(), "four full pages and the rest");
        assertEquals(sks.subList(0, 10), sksOf(DynamoBatches.query(dynamo, pagesOfSeven, 10)));
        assertEquals(7, log.requests().size(), "no page past the limit");
    }

    @Test
    void unprocessedKeysAreAskedForAgainAfterGrowingPauses_A7() {
        List<String> pks = pks("get", 10);
        DynamoBatches.write(local.services().dynamoDb(), table, puts(pks));
        var throttle = new Throttle(3);
        var pauses = new Pauses();
        List<Map<String, AttributeValue>> items = DynamoBatches.get(local.services().dynamoDb(List.of(throttle)), table, keys(pks),
                pauses);
        assertEquals(10, items.size(), "each item once");
        assertEquals(Set.copyOf(pks), pksOf(items));
        assertEquals(List.of(10, 5, 3, 2), throttle.sizes, "each try asks for what the last left");
        pauses.assertGrowing(3);
    }

    @Test
    void unprocessedWritesAreSentAgain_A7() {
        List<String> pks = pks("write", 10);
        var throttle = new Throttle(2);
        var pauses = new Pauses();
        DynamoBatches.write(local.services().dynamoDb(List.of(throttle)), table, puts(pks), pauses);
        assertEquals(List.of(10, 5, 3), throttle.sizes);
        pauses.assertGrowing(2);
        assertEquals(Set.copyOf(pks), pksOf(DynamoBatches.get(local.services().dynamoDb(), table, keys(pks))), "every item written");
    }

    @Test
    void givesUpWhenKeysStayUnprocessed_A7() {
        List<String> pks = pks("stuck", 2);
        DynamoBatches.write(local.services().dynamoDb(), table, puts(pks));
        var throttle = new Throttle(Integer.MAX_VALUE);
        DynamoDbClient dynamo = local.services().dynamoDb(List.of(throttle));
        var pauses = new Pauses();
        assertThrows(SdkException.class, () -> DynamoBatches.get(dynamo, table, keys(pks), pauses));
        assertEquals(DynamoBatches.ATTEMPTS, throttle.sizes.size());
        pauses.assertGrowing(DynamoBatches.ATTEMPTS - 1);
    }

    /** 230 conditional puts: one in ten finds its item there already, and one fails outright; the rest go in, 100 a request. */
    @Test
    void transactedWritesKeepTheirOwnOutcomes() {
        List<String> pks = pks("transact", 230);
        DynamoBatches.write(local.services().dynamoDb(), table,
                puts(IntStream.range(0, 230).filter(i -> i % 10 == 0).mapToObj(pks::get).toList()));
        String poisoned = pks.get(123);
        var log = new RequestLog();
        DynamoDbClient dynamo = local.services().dynamoDb(List.of(log, InjectedFaults.failing(r ->
                r instanceof TransactWriteItemsRequest t
                        && t.transactItems().stream().anyMatch(w -> poisoned.equals(w.put().item().get("pk").s())))));

        List<DynamoBatches.Written> outcomes = DynamoBatches.transact(dynamo, pks.stream().map(pk -> TransactWriteItem.builder()
                .put(p -> p.tableName(table).conditionExpression("attribute_not_exists(pk)").item(Map.of("pk", AttributeValue.fromS(pk),
                        "sk", AttributeValue.fromS(IndexTable.SINGLE), "new", AttributeValue.fromBool(true)))).build()).toList());

        for (int i = 0; i < 230; i++) {
            if (i == 123) {
                assertTrue(outcomes.get(i).failure().isPresent(), "the failure is pinned on its write");
            } else {
                assertEquals(new DynamoBatches.Written(i % 10 != 0, java.util.Optional.empty()), outcomes.get(i), "write " + i);
            }
        }
        Set<String> written = DynamoBatches.get(local.services().dynamoDb(), table, keys(pks)).stream()
                .filter(item -> item.containsKey("new")).map(item -> item.get("pk").s()).collect(Collectors.toSet());
        assertEquals(IntStream.range(0, 230).filter(i -> i % 10 != 0 && i != 123).mapToObj(pks::get).collect(Collectors.toSet()), written);
        assertTrue(Collections.frequency(log.requests(), "TransactWriteItemsRequest") < 110,
                "the two hundreds without the failure in a request or two each; the failing hundred one by one: " + log.requests().size());
    }

    private List<String> pks(String name, int count) {
        return IntStream.range(0, count).mapToObj(i -> id + "#" + name + "#" + i).toList();
    }

    private static List<WriteRequest> puts(List<String> pks) {
        return pks.stream().map(pk -> {
            Map<String, AttributeValue> item = IndexTable.key(pk, IndexTable.SINGLE);
            item.put("value", AttributeValue.fromS("of " + pk));
            return WriteRequest.builder().putRequest(p -> p.item(item)).build();
        }).toList();
    }

    private static List<Map<String, AttributeValue>> keys(List<String> pks) {
        return pks.stream().map(pk -> IndexTable.key(pk, IndexTable.SINGLE)).toList();
    }

    private static Set<String> pksOf(List<Map<String, AttributeValue>> items) {
        items.forEach(item -> assertEquals("of " + item.get(IndexTable.PK).s(), item.get("value").s()));
        return items.stream().map(item -> item.get(IndexTable.PK).s()).collect(Collectors.toSet());
    }

    private static List<String> sksOf(List<Map<String, AttributeValue>> items) {
        return items.stream().map(item -> item.get(IndexTable.SK).s()).toList();
    }

    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return new HashMap<>(Map.of(IndexTable.PK, item.get(IndexTable.PK), IndexTable.SK, item.get(IndexTable.SK)));
    }

    /** The pauses a call asked for, recorded instead of waited through. */
    private static final class Pauses implements DynamoBatches.Pause {
        final List<Duration> taken = new CopyOnWriteArrayList<>();

        @Override
        public void take(Duration duration, String table) {
            taken.add(duration);
        }

        /** One pause before each retry, each within the half-jittered range of a doubling from 25 ms up to 1 s. */
        void assertGrowing(int retries) {
            assertEquals(retries, taken.size(), taken::toString);
            for (int retry = 1; retry <= retries; retry++) {
                long ceiling = Math.min(1000, 25L << (retry - 1));
                long millis = taken.get(retry - 1).toMillis();
                assertTrue(millis >= ceiling / 2 && millis <= ceiling, "pause " + retry + " was " + millis + " ms, of at most " + ceiling);
            }
        }
    }

    /**
     * DynamoDB under load, in front of DynamoDB Local: the first {@code times} batch calls get only
     * the first half of their keys or items through, and the rest back as unprocessed. A call of one
     * key goes through whole and its item is held back.
     */
    private final class Throttle implements ExecutionInterceptor {

        private final int times;
        final List<Integer> sizes = new CopyOnWriteArrayList<>();
        private List<Map<String, AttributeValue>> withheldKeys = List.of();
        private List<WriteRequest> withheldWrites = List.of();

        Throttle(int times) {
            this.times = times;
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (context.request() instanceof BatchGetItemRequest get) {
                KeysAndAttributes asked = get.requestItems().get(table);
                List<Map<String, AttributeValue>> keys = asked.keys();
                withheldKeys = throttling(keys.size()) ? keys.subList(keys.size() / 2, keys.size()) : List.of();
                return keys.size() < 2 ? get : get.toBuilder().requestItems(Map.of(table,
                        asked.toBuilder().keys(keys.subList(0, keys.size() - withheldKeys.size())).build())).build();
            }
            if (context.request() instanceof BatchWriteItemRequest write) {
                List<WriteRequest> writes = write.requestItems().get(table);
                withheldWrites = throttling(writes.size()) ? writes.subList(writes.size() / 2, writes.size()) : List.of();
                return writes.size() < 2 ? write : write.toBuilder().requestItems(Map.of(table,
                        writes.subList(0, writes.size() - withheldWrites.size()))).build();
            }
            return context.request();
        }

        private boolean throttling(int size) {
            sizes.add(size);
            return sizes.size() <= times;
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (context.response() instanceof BatchGetItemResponse got && !withheldKeys.isEmpty()) {
                List<Map<String, AttributeValue>> served = got.responses().getOrDefault(table, List.of()).stream()
                        .filter(item -> !withheldKeys.contains(keyOf(item))).toList();
                return got.toBuilder().responses(Map.of(table, served)).unprocessedKeys(Map.of(table,
                        KeysAndAttributes.builder().keys(withheldKeys).consistentRead(true).build())).build();
            }
            if (context.response() instanceof BatchWriteItemResponse wrote && !withheldWrites.isEmpty()) {
                return wrote.toBuilder().unprocessedItems(Map.of(table, withheldWrites)).build();
            }
            return context.response();
        }
    }
}
