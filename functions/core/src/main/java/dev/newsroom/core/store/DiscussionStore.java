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
 * An article's approved comments, as its page shows them, from the comments table's sparse
 * {@code approved} index (the comments function writes it; this only reads). Never an email, an
 * address or a score: the index does not carry them.
 */
public final class DiscussionStore {

    /** The most comments a page render reads; an article with more counts the rest without reading them. */
    static final int MAX_READ = 2000;
    private static final String APPROVED_INDEX = "approved";

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
     * The same, corrected by changes the index may not show yet: the comments of {@code changed}
     * ({@link Discussion#of(java.util.Collection, Map)}), which the caller has just seen change.
     */
    public Discussion discussion(String path, Map<String, Optional<ShownComment>> changed) {
        List<ShownComment> approved = approved(path);
        Discussion shown = Discussion.of(approved, changed);
        if (approved.size() < MAX_READ) {
            return shown;
        }
        // More than a render reads: the rest are counted, not read.
        return new Discussion(shown.threads(), DynamoBatches.count(dynamo, request(path).build()) + shown.count() - approved.size(), true);
    }

    private QueryRequest.Builder request(String path) {
        return QueryRequest.builder().tableName(table).indexName(APPROVED_INDEX).scanIndexForward(false)
                .keyConditionExpression("approvedSlug = :path")
                .expressionAttributeValues(Map.of(":path", AttributeValue.fromS(path)));
    }

    /** A comment item of the comments table, or of its index or stream, as readers see it. */
    public static ShownComment shown(Map<String, AttributeValue> item) {
        return new ShownComment(item.get("commentId").s(), item.get("name").s(), text(item, "website"), item.get("body").s(),
                text(item, "parentId"), Instant.parse(item.get("createdAt").s()));
    }

    private static Optional<String> text(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s).filter(s -> !s.isEmpty());
    }
}
