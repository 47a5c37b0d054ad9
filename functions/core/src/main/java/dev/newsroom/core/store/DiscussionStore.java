package dev.newsroom.core.store;

import dev.newsroom.core.discussion.Discussion;
import dev.newsroom.core.discussion.ShownComment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * An article's approved comments, as its page shows them, read from the article's partition of the
 * comments table (the comments function writes it; this only reads) with a consistent read, so a
 * render never misses a comment approved a moment before. Never an email, an address or a score:
 * {@link #shown} leaves them out.
 */
public final class DiscussionStore {

    /** The most comments a page render reads; an article with more counts the rest without reading them. */
    static final int MAX_READ = 2000;

    private final DynamoDbClient dynamo;
    private final String table;

    public DiscussionStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The article's approved comments, newest first, at most {@value #MAX_READ}. */
    private List<ShownComment> approved(String path) {
        return DynamoBatches.query(dynamo, request(path).build(), MAX_READ).stream().map(DiscussionStore::shown).toList();
    }

    /** What the article's page shows of its comments. */
    public Discussion discussion(String path) {
        return discussion(path, Map.of());
    }

    /**
     * The same, corrected by changes the caller has seen and a read may have missed by a moment: the comments of {@code changed}
     * ({@link Discussion#of(java.util.Collection, Map)}), which the caller has just seen change.
     */
    public Discussion discussion(String path, Map<String, Optional<ShownComment>> changed) {
        List<ShownComment> approved = approved(path);
        Discussion shown = Discussion.of(approved, changed);
        if (approved.size() < MAX_READ) {
            return shown;
        }
        // More than a render reads: the rest are counted, not read.
        return new Discussion(shown.threads(), count(path) + shown.count() - approved.size(), true);
    }

    /** How many approved comments the article has, counted without reading them. */
    private int count(String path) {
        return DynamoBatches.count(dynamo, request(path).build());
    }

    private QueryRequest.Builder request(String path) {
        return approvedIn(table, path).scanIndexForward(false);
    }

    /**
     * The query of an article's approved comments, oldest first: its partition, filtered by status,
     * read consistently. With no {@code Limit}, DynamoDB reads a megabyte a page, so an article
     * whose partition holds much spam still takes few round trips.
     */
    public static QueryRequest.Builder approvedIn(String table, String path) {
        return QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("slug = :path").filterExpression("#status = :approved")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":path", AttributeValue.fromS(path), ":approved", AttributeValue.fromS(APPROVED)));
    }

    /** A comment item of the comments table, or of its stream, as readers see it. */
    public static ShownComment shown(Map<String, AttributeValue> item) {
        return new ShownComment(item.get("commentId").s(), item.get("name").s(), text(item, "website"), item.get("body").s(),
                text(item, "parentId"), Instant.parse(item.get("createdAt").s()), flag(item, "staff"), flag(item, "featured"));
    }

    /** The status of a comment readers see. */
    public static final String APPROVED = "approved";

    /** Whether a comment item's mark (such as {@code staff} or {@code featured}) is set. */
    public static boolean flag(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) && Boolean.TRUE.equals(item.get(name).bool());
    }

    private static Optional<String> text(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s).filter(s -> !s.isEmpty());
    }
}
