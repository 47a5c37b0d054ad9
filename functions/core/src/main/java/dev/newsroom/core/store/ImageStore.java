package dev.newsroom.core.store;

import dev.newsroom.core.image.ImageVariants;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * What is known of each image the site serves: its size and the widths of its variants, kept in
 * the uploads table under {@code image:} and the image's path ({@code image:/assets/2026/quay.jpg}),
 * for the pages that show it. Never overwritten by an older upload's event (A2).
 */
public final class ImageStore {

    private static final String KEY = "sourceKey";
    private static final String PREFIX = "image:";

    /** An image as pages show it: its size, and the widths of its variants beside it. */
    public record Image(ImageVariants.Size size, List<Integer> widths) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public ImageStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Records the image at {@code path}, as its upload of {@code sequencer} made it. */
    public void record(String path, String sequencer, Image image) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("width", AttributeValue.fromN(Integer.toString(image.size().width())));
        item.put("height", AttributeValue.fromN(Integer.toString(image.size().height())));
        item.put("widths", AttributeValue.fromL(image.widths().stream().map(w -> AttributeValue.fromN(Integer.toString(w))).toList()));
        put(path, sequencer, item);
    }

    /** Records that the image at {@code path} is gone, as its removal of {@code sequencer} says: uploads' records are kept, never deleted. */
    public void forget(String path, String sequencer) {
        put(path, sequencer, new HashMap<>(Map.of("removed", AttributeValue.fromBool(true))));
    }

    private void put(String path, String sequencer, Map<String, AttributeValue> item) {
        item.put(KEY, AttributeValue.fromS(PREFIX + path));
        item.put("sequencer", AttributeValue.fromS(sequencer));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#key) OR #seq <= :seq")
                    .expressionAttributeNames(Map.of("#key", KEY, "#seq", "sequencer"))
                    .expressionAttributeValues(Map.of(":seq", AttributeValue.fromS(sequencer))));
        } catch (ConditionalCheckFailedException newerRecorded) {
            // A later upload or removal of the image recorded its own.
        }
    }

    public Optional<Image> find(String path) {
        return Lookups.item(dynamo, table, KEY, PREFIX + path).filter(item -> item.containsKey("width")).map(item -> new Image(
                new ImageVariants.Size(Integer.parseInt(item.get("width").n()), Integer.parseInt(item.get("height").n())),
                item.get("widths").l().stream().map(w -> Integer.parseInt(w.n())).toList()));
    }
}
