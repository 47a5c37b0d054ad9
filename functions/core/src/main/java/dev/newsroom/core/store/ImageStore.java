package dev.newsroom.core.store;

import dev.newsroom.core.image.ImageVariants;
import dev.newsroom.core.image.StoredImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * What is known of each image the site serves: its size and the widths of its variants, kept in
 * the uploads table under {@code image:} and the image's path ({@code image:/assets/2026/quay.jpg}),
 * for the pages that show it; and the articles published before it was there, which are read again
 * once it is ({@code waiting}). Never overwritten by an older upload's event (A2). Either order of
 * an article and its image converges: the article adds itself to {@code waiting} and gets the size
 * back if it was recorded meanwhile, and the image's record gets back every article that waits.
 */
public final class ImageStore {

    private static final String KEY = "sourceKey";
    private static final String PREFIX = "image:";
    private static final String WAITING = "waiting";
    /**
     * How many files one image notes as waiting for it: bounded, so that its item stays far below
     * DynamoDB's 400 KB and its arrival reads them all again well within the function's timeout.
     */
    public static final int MAX_WAITING = 200;

    private final DynamoDbClient dynamo;
    private final String table;

    public ImageStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Records the image at {@code path}, as its upload of {@code sequencer} made it; returns the source keys of the articles that wait for it. */
    public Set<String> record(String path, String sequencer, StoredImage image) {
        Map<String, AttributeValue> values = new java.util.HashMap<>();
        attributes(image).forEach((name, value) -> values.put(":" + name, value));
        return update(path, sequencer, "SET width = :width, height = :height, widths = :widths REMOVE removed", values);
    }

    /** Records that the image at {@code path} is gone, as its removal of {@code sequencer} says: uploads' records are kept, never deleted. */
    public void forget(String path, String sequencer) {
        update(path, sequencer, "SET removed = :removed REMOVE width, height, widths", Map.of(":removed", AttributeValue.fromBool(true)));
    }

    private Set<String> update(String path, String sequencer, String changes, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new java.util.HashMap<>(values);
        all.put(":seq", AttributeValue.fromS(sequencer));
        try {
            UpdateItemResponse updated = dynamo.updateItem(r -> r.tableName(table).key(key(path))
                    .updateExpression(changes.replaceFirst("^SET ", "SET #seq = :seq, "))
                    .conditionExpression("attribute_not_exists(#seq) OR #seq <= :seq")
                    .expressionAttributeNames(Map.of("#seq", "sequencer")).expressionAttributeValues(all)
                    .returnValues(ReturnValue.ALL_NEW));
            return updated.attributes().containsKey(WAITING) ? Set.copyOf(updated.attributes().get(WAITING).ss()) : Set.of();
        } catch (ConditionalCheckFailedException newerRecorded) {
            return Set.of(); // a later upload or removal of the image recorded its own, and answers those that wait
        }
    }

    /** What is known of the image at {@code path}, if it is there. */
    public Optional<StoredImage> find(String path) {
        return Lookups.item(dynamo, table, KEY, PREFIX + path).flatMap(ImageStore::image);
    }

    /**
     * Notes that the article uploaded as {@code sourceKey} shows the image at {@code path}, which
     * {@link #find} did not find; returns it if it was recorded meanwhile.
     */
    public Optional<StoredImage> awaitedBy(String path, String sourceKey) {
        try {
            UpdateItemResponse updated = dynamo.updateItem(r -> r.tableName(table).key(key(path)).updateExpression("ADD #waiting :key")
                    .conditionExpression("attribute_not_exists(#waiting) OR size(#waiting) < :most OR contains(#waiting, :one)")
                    .expressionAttributeNames(Map.of("#waiting", WAITING))
                    .expressionAttributeValues(Map.of(":key", AttributeValue.fromSs(List.of(sourceKey)), ":one", AttributeValue.fromS(sourceKey),
                            ":most", AttributeValue.fromN(Integer.toString(MAX_WAITING))))
                    .returnValues(ReturnValue.ALL_NEW));
            return image(updated.attributes());
        } catch (ConditionalCheckFailedException full) {
            // So many files wait that this one is not noted: it shows the image unsized until it is uploaded again.
            return find(path);
        }
    }

    /** Forgets that these articles wait for the image at {@code path}: they have been read again. */
    public void served(String path, Set<String> sourceKeys) {
        if (!sourceKeys.isEmpty()) {
            dynamo.updateItem(r -> r.tableName(table).key(key(path)).updateExpression("DELETE #waiting :keys")
                    .expressionAttributeNames(Map.of("#waiting", WAITING))
                    .expressionAttributeValues(Map.of(":keys", AttributeValue.fromSs(List.copyOf(sourceKeys)))));
        }
    }

    private static Map<String, AttributeValue> key(String path) {
        return Map.of(KEY, AttributeValue.fromS(PREFIX + path));
    }

    /** An image's size and variants as items keep them, here and in an article's lead image ({@link ArticleItems}). */
    static Map<String, AttributeValue> attributes(StoredImage image) {
        return Map.of("width", AttributeValue.fromN(Integer.toString(image.size().width())),
                "height", AttributeValue.fromN(Integer.toString(image.size().height())),
                "widths", AttributeValue.fromL(image.widths().stream().map(w -> AttributeValue.fromN(Integer.toString(w))).toList()));
    }

    static Optional<StoredImage> image(Map<String, AttributeValue> item) {
        return item.containsKey("width") ? Optional.of(new StoredImage(
                new ImageVariants.Size(Integer.parseInt(item.get("width").n()), Integer.parseInt(item.get("height").n())),
                item.get("widths").l().stream().map(w -> Integer.parseInt(w.n())).toList())) : Optional.empty();
    }
}
