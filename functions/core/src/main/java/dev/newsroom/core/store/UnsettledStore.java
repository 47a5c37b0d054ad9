package dev.newsroom.core.store;

import static dev.newsroom.core.store.ArticleItems.n;
import static dev.newsroom.core.store.ArticleItems.s;
import static dev.newsroom.core.store.IndexTable.SK;
import static dev.newsroom.core.store.IndexTable.key;

import dev.newsroom.core.article.StoredArticle;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Changes of a burst that the relate function has applied to the postings but not yet rendered
 * (docs/related.md, "Settling a burst"): one item per article in the {@linkplain IndexTable index
 * table}, partition {@code unsettled}, holding the article before the first deferred change and
 * after the last, without its body, which no list or listing shows.
 *
 * <p>A deferral also bumps the marker: an item of the articles table whose key no article can have.
 * Its stream record guarantees the relate function a later batch, which settles what waits even if
 * no article changes again. The index table records since when changes have waited (partition
 * {@code burst}), so that a stream that never quiets still settles in bounded time; it has no
 * stream, so settling writes nothing that would bring yet another batch.
 */
public final class UnsettledStore {

    /** The marker's key in the articles table: not an article's, whose paths begin with a slash. */
    public static final String MARKER = "#unsettled";
    private static final String PARTITION = "unsettled";
    private static final String BURST = "burst";

    /** An article's deferred change, from before its first deferred record to after its last. */
    public record Change(String path, Optional<StoredArticle> before, Optional<StoredArticle> after, long version) {
    }

    /**
     * The burst as read.
     *
     * @param since     when the oldest waiting change was deferred, if any waits
     * @param deferrals how many batches have deferred, to clear {@code since} only if none did meanwhile
     */
    public record Burst(Optional<Instant> since, long deferrals) {
    }

    private final DynamoDbClient dynamo;
    private final String indexTable;
    private final String articlesTable;

    public UnsettledStore(DynamoDbClient dynamo, String indexTable, String articlesTable) {
        this.dynamo = dynamo;
        this.indexTable = indexTable;
        this.articlesTable = articlesTable;
    }

    public Burst burst() {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(indexTable).key(key(BURST, IndexTable.SINGLE)).consistentRead(true)).item();
        return new Burst(ArticleItems.optional(item, "since").map(Instant::parse),
                item.containsKey("deferrals") ? Long.parseLong(item.get("deferrals").n()) : 0);
    }

    /**
     * Records changes, a hundred to a request; one already waiting for its article keeps its
     * {@code before}. Safe to repeat.
     *
     * @return for each change, in order, the failure that kept it from being recorded, if any
     */
    public List<Optional<RuntimeException>> defer(List<Change> changes) {
        return DynamoBatches.transact(dynamo, changes.stream().map(change -> TransactWriteItem.builder().update(Update.builder()
                .tableName(indexTable).key(key(PARTITION, change.path()))
                .updateExpression("SET #before = if_not_exists(#before, :before), #after = :after, version = :version")
                .expressionAttributeNames(Map.of("#before", "before", "#after", "after"))
                .expressionAttributeValues(Map.of(":before", image(change.before()), ":after", image(change.after()),
                        ":version", n(change.version()))).build()).build()).toList())
                .stream().map(DynamoBatches.Written::failure).toList();
    }

    /**
     * Counts a deferral, keeping the time of the first since changes last settled; then bumps the
     * marker, so that its stream record brings a batch that settles what waits.
     */
    public void bump(Instant now) {
        dynamo.updateItem(r -> r.tableName(indexTable).key(key(BURST, IndexTable.SINGLE))
                .updateExpression("SET since = if_not_exists(since, :now) ADD deferrals :one")
                .expressionAttributeValues(Map.of(":now", s(now.toString()), ":one", n(1))));
        dynamo.updateItem(r -> r.tableName(articlesTable).key(Map.of(ArticleItems.KEY, s(MARKER)))
                .updateExpression("ADD bumps :one").expressionAttributeValues(Map.of(":one", n(1))));
    }

    /** Every waiting change. As many as a burst deferred: bounded by the burst, not by the site. */
    public List<Change> waiting() {
        return DynamoBatches.query(dynamo, IndexTable.query(indexTable, PARTITION).build(), Integer.MAX_VALUE).stream()
                .map(item -> new Change(item.get(SK).s(), article(item.get("before")), article(item.get("after")),
                        Long.parseLong(item.get("version").n())))
                .toList();
    }

    /**
     * Forgets settled changes, a hundred to a request, each unless a deferral has changed it since
     * it was read: then it waits on, with its newer change, for the next settling.
     *
     * @throws RuntimeException the first failure, once every other change is forgotten
     */
    public void settled(List<Change> changes) {
        DynamoBatches.transactEach(dynamo, changes.stream().map(change -> TransactWriteItem.builder().delete(Delete.builder()
                .tableName(indexTable).key(key(PARTITION, change.path()))
                .conditionExpression("version = :version").expressionAttributeValues(Map.of(":version", n(change.version())))
                .build()).build()).toList());
    }

    /** Clears the burst's {@code since}, unless a batch has deferred since it was read. */
    public void clearSince(Burst read) {
        try {
            dynamo.updateItem(r -> r.tableName(indexTable).key(key(BURST, IndexTable.SINGLE)).updateExpression("REMOVE since")
                    .conditionExpression("deferrals = :deferrals").expressionAttributeValues(Map.of(":deferrals", n(read.deferrals()))));
        } catch (ConditionalCheckFailedException deferredMeanwhile) {
            // What was deferred meanwhile waits since the older time: the age bound stays conservative.
        }
    }

    /** Whether a stream record's keys are the marker's rather than an article's. */
    public static boolean isMarker(Map<String, AttributeValue> keys) {
        AttributeValue key = keys.get(ArticleItems.KEY);
        return key != null && MARKER.equals(key.s());
    }

    private static AttributeValue image(Optional<StoredArticle> article) {
        return article.map(a -> {
            Map<String, AttributeValue> item = ArticleItems.toItem(a);
            item.put("bodyHtml", s(""));
            return AttributeValue.fromM(item);
        }).orElse(AttributeValue.fromNul(true));
    }

    private static Optional<StoredArticle> article(AttributeValue image) {
        return image.hasM() ? Optional.of(ArticleItems.fromItem(image.m())) : Optional.empty();
    }
}
