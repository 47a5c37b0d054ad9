package dev.newsroom.core.store;

import static dev.newsroom.core.store.ArticleItems.s;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The index table, which only the relate function writes and which has no stream, so nothing it
 * writes comes back to it. Its items have a partition key {@code pk} and a sort key {@code sk}:
 * {@link ListingStore} keeps the listings there and {@link RelatedListStore} the related lists.
 * Every read is strongly consistent, and every query is bounded by a limit or by an archive's span
 * of time: none grows with the size of the site.
 */
final class IndexTable {

    static final String PK = "pk";
    static final String SK = "sk";
    /** The sort key of a partition that holds a single item. */
    static final String SINGLE = "-";

    private IndexTable() {
    }

    static QueryRequest.Builder query(String table, String pk) {
        return QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(pk)));
    }

    /** The single items of these partitions that exist, each read once. */
    static List<Map<String, AttributeValue>> singles(DynamoDbClient dynamo, String table, Collection<String> pks) {
        return DynamoBatches.get(dynamo, table, new TreeSet<>(pks).stream().map(pk -> key(pk, SINGLE)).toList());
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return new HashMap<>(Map.of(PK, s(pk), SK, s(sk)));
    }
}
