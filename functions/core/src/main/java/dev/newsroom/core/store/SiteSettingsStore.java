package dev.newsroom.core.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The site configuration in force, kept in the uploads table beside the upload status of
 * {@code site.yaml}: the text last accepted and its version (the sequencer of the upload that
 * brought it). A refused upload records its problems and leaves the accepted text in place; no older
 * event overwrites a newer one.
 */
public final class SiteSettingsStore {

    /** The configuration in force: the text as uploaded, and the sequencer of its upload. */
    public record Accepted(String version, String yaml) {
    }

    /**
     * What the last {@code site.yaml} event did: its sequencer and outcome ({@link #APPLYING} until
     * every article it changes is published again), the configuration in force, and while applying,
     * the one it replaces.
     */
    public record Status(String sequencer, String outcome, Optional<Accepted> accepted, Optional<String> replacing) {
    }

    public static final String APPLYING = "applying";
    private static final String KEY = "sourceKey";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String sourceKey;

    public SiteSettingsStore(DynamoDbClient dynamo, String table, String sourceKey) {
        this.dynamo = dynamo;
        this.table = table;
        this.sourceKey = sourceKey;
    }

    public Optional<Status> status() {
        return Lookups.item(dynamo, table, KEY, sourceKey).map(item -> new Status(item.get("sequencer").s(), item.get("outcome").s(),
                Optional.ofNullable(item.get("settings")).map(settings -> new Accepted(item.get("settingsVersion").s(), settings.s())),
                Optional.ofNullable(item.get("replacing")).map(AttributeValue::s)));
    }

    /** The configuration in force, if one was ever accepted. */
    public Optional<Accepted> accepted() {
        return status().flatMap(Status::accepted);
    }

    /**
     * Puts {@code yaml} in force while the articles it changes are published again, keeping the text
     * it replaces for a retry, unless a newer upload was recorded; true if it was written.
     */
    public boolean apply(String sequencer, String yaml, String replacing, Instant at) {
        return update(sequencer, APPLYING, List.of(), Optional.of(yaml), Optional.of(replacing), at);
    }

    /** Records that every article the configuration changes is published under it. */
    public void applied(String sequencer, String yaml, Instant at) {
        update(sequencer, "published", List.of(), Optional.of(yaml), Optional.empty(), at);
    }

    /** Records a refused upload's problems; the configuration in force stays. */
    public void refuse(String sequencer, List<String> problems, Instant at) {
        update(sequencer, "rejected", problems, Optional.empty(), Optional.empty(), at);
    }

    private boolean update(String sequencer, String outcome, List<String> problems, Optional<String> yaml, Optional<String> replacing,
                           Instant at) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":seq", AttributeValue.fromS(sequencer),
                ":outcome", AttributeValue.fromS(outcome), ":at", AttributeValue.fromS(at.toString()),
                ":problems", AttributeValue.fromL(problems.stream().map(AttributeValue::fromS).toList())));
        String set = "SET #seq = :seq, outcome = :outcome, problems = :problems, #at = :at";
        if (yaml.isPresent()) {
            set += ", settings = :settings, settingsVersion = :seq";
            values.put(":settings", AttributeValue.fromS(yaml.get()));
        }
        if (replacing.isPresent()) {
            set += ", replacing = :replacing";
            values.put(":replacing", AttributeValue.fromS(replacing.get()));
        } else if (yaml.isPresent()) {
            set += " REMOVE replacing";
        }
        String expression = set;
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Map.of(KEY, AttributeValue.fromS(sourceKey)))
                    .updateExpression(expression)
                    .conditionExpression("attribute_not_exists(#key) OR #seq <= :seq")
                    .expressionAttributeNames(Map.of("#key", KEY, "#seq", "sequencer", "#at", "at"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException newerRecorded) {
            return false;
        }
    }
}
