package dev.newsroom.core.store;

import dev.newsroom.core.article.EmbargoedImages;
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
 * It also keeps whether the image is held back ({@link EmbargoedImages}): the embargoed articles
 * that show it ({@code heldFor}), until an article that shows it is live ({@code live}), after which
 * nothing holds it again.
 */
public final class ImageStore {

    private static final String KEY = "sourceKey";
    private static final String PREFIX = "image:";
    private static final String WAITING = "waiting";
    private static final String HELD_FOR = "heldFor";
    private static final String LIVE = "live";
    /**
     * How many files one image notes as waiting for it, or as holding it: bounded, so that its item
     * stays far below DynamoDB's 400 KB and its arrival reads them all again well within the
     * function's timeout.
     */
    public static final int MAX_WAITING = 200;

    private final DynamoDbClient dynamo;
    private final String table;

    public ImageStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** What recording an image's upload found: the source keys of the articles that wait for it, and whether it is held back. */
    public record Recorded(Set<String> waiting, boolean held) {
    }

    /** Records the image at {@code path}, as its upload of {@code sequencer} made it. */
    public Recorded record(String path, String sequencer, StoredImage image) {
        Map<String, AttributeValue> values = new java.util.HashMap<>();
        attributes(image).forEach((name, value) -> values.put(":" + name, value));
        return update(path, sequencer, "SET width = :width, height = :height, widths = :widths REMOVE removed", values)
                .map(item -> new Recorded(item.containsKey(WAITING) ? Set.copyOf(item.get(WAITING).ss()) : Set.of(), held(item)))
                // A later upload or removal of the image recorded its own, and answers those that wait.
                .orElseGet(() -> new Recorded(Set.of(), held(path)));
    }

    /** Records that the image at {@code path} is gone, as its removal of {@code sequencer} says: uploads' records are kept, never deleted. */
    public void forget(String path, String sequencer) {
        update(path, sequencer, "SET removed = :removed REMOVE width, height, widths", Map.of(":removed", AttributeValue.fromBool(true)));
    }

    /** The item as changed, or nothing if a later upload or removal of the image recorded its own. */
    private Optional<Map<String, AttributeValue>> update(String path, String sequencer, String changes, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new java.util.HashMap<>(values);
        all.put(":seq", AttributeValue.fromS(sequencer));
        try {
            UpdateItemResponse updated = dynamo.updateItem(r -> r.tableName(table).key(key(path))
                    .updateExpression(changes.replaceFirst("^SET ", "SET #seq = :seq, "))
                    .conditionExpression("attribute_not_exists(#seq) OR #seq <= :seq")
                    .expressionAttributeNames(Map.of("#seq", "sequencer")).expressionAttributeValues(all)
                    .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(updated.attributes());
        } catch (ConditionalCheckFailedException newerRecorded) {
            return Optional.empty();
        }
    }

    /** Whether the image at {@code path} is held back now: an embargoed article shows it, and no live one has. */
    public boolean held(String path) {
        return Lookups.item(dynamo, table, KEY, PREFIX + path).map(ImageStore::held).orElse(false);
    }

    private static boolean held(Map<String, AttributeValue> item) {
        return !item.containsKey(LIVE) && item.containsKey(HELD_FOR);
    }

    /**
     * Notes that the embargoed article uploaded as {@code sourceKey} shows the image at {@code path};
     * returns whether the image is held back now. An image a live article has shown is out, and is
     * not held again; nor is one that {@link #MAX_WAITING} embargoed articles hold already noted
     * further, though it stays held by them.
     */
    public boolean hold(String path, String sourceKey) {
        try {
            UpdateItemResponse updated = dynamo.updateItem(r -> r.tableName(table).key(key(path)).updateExpression("ADD #held :key")
                    .conditionExpression("attribute_not_exists(#live) AND (attribute_not_exists(#held) OR size(#held) < :most OR contains(#held, :one))")
                    .expressionAttributeNames(Map.of("#held", HELD_FOR, "#live", LIVE))
                    .expressionAttributeValues(Map.of(":key", AttributeValue.fromSs(List.of(sourceKey)), ":one", AttributeValue.fromS(sourceKey),
                            ":most", AttributeValue.fromN(Integer.toString(MAX_WAITING))))
                    .returnValues(ReturnValue.ALL_NEW));
            return held(updated.attributes());
        } catch (ConditionalCheckFailedException liveOrFull) {
            return held(path);
        }
    }

    /**
     * Notes that the article uploaded as {@code sourceKey} no longer holds the image at {@code path}
     * (it shows it no more, or is no longer embargoed); returns whether the image is held back now.
     */
    public boolean release(String path, String sourceKey) {
        try {
            UpdateItemResponse updated = dynamo.updateItem(r -> r.tableName(table).key(key(path)).updateExpression("DELETE #held :key")
                    .conditionExpression("contains(#held, :one)")
                    .expressionAttributeNames(Map.of("#held", HELD_FOR))
                    .expressionAttributeValues(Map.of(":key", AttributeValue.fromSs(List.of(sourceKey)), ":one", AttributeValue.fromS(sourceKey)))
                    .returnValues(ReturnValue.ALL_NEW));
            return held(updated.attributes());
        } catch (ConditionalCheckFailedException notHeldByIt) {
            return held(path);
        }
    }

    /** Notes that a live article shows the image at {@code path}: it is out from now on, and nothing holds it back again. */
    public void shownLive(String path) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(path)).updateExpression("SET #live = :true REMOVE #held")
                    .conditionExpression("attribute_not_exists(#live)")
                    .expressionAttributeNames(Map.of("#held", HELD_FOR, "#live", LIVE))
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))));
        } catch (ConditionalCheckFailedException shownBefore) {
            // out already
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
