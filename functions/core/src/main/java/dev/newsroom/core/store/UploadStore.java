package dev.newsroom.core.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The uploads table: one {@link UploadStatus} per source key, never overwritten by an older event. */
public final class UploadStore {

    private static final String KEY = "sourceKey";

    private final DynamoDbClient dynamo;
    private final String table;

    public UploadStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<UploadStatus> find(String sourceKey) {
        return Lookups.item(dynamo, table, KEY, sourceKey).map(item -> new UploadStatus(
                item.get(KEY).s(),
                item.get("sequencer").s(),
                item.get("outcome").s(),
                Optional.ofNullable(item.get("path")).map(AttributeValue::s),
                item.containsKey("problems") ? item.get("problems").l().stream().map(AttributeValue::s).toList() : List.of(),
                Instant.parse(item.get("at").s())));
    }

    /** Records the status unless a newer upload of the same key has been recorded already (A2). */
    public void record(UploadStatus status) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, AttributeValue.fromS(status.sourceKey()));
        item.put("sequencer", AttributeValue.fromS(status.sequencer()));
        item.put("outcome", AttributeValue.fromS(status.outcome()));
        status.path().ifPresent(path -> item.put("path", AttributeValue.fromS(path)));
        if (!status.problems().isEmpty()) {
            item.put("problems", AttributeValue.fromL(status.problems().stream().map(AttributeValue::fromS).toList()));
        }
        item.put("at", AttributeValue.fromS(status.at().toString()));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#key) OR #seq <= :seq")
                    .expressionAttributeNames(Map.of("#key", KEY, "#seq", "sequencer"))
                    .expressionAttributeValues(Map.of(":seq", AttributeValue.fromS(status.sequencer()))));
        } catch (ConditionalCheckFailedException newerRecorded) {
            // A later upload already reported its own outcome; this one is history.
        }
    }
}
