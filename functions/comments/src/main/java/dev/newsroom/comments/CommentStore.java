package dev.newsroom.comments;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The comments table: partitioned by article slug, sorted by time-ordered id. Sparse index keys
 * list what each reader needs without a scan: {@code approvedSlug} for an article's approved
 * comments, {@code queue} (pending or spam) for moderators, {@code emailHash} for erasure.
 */
final class CommentStore {

    static final String APPROVED_INDEX = "approved";

    private final DynamoDbClient dynamo;
    private final String table;

    CommentStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    Optional<Comment> find(String slug, String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("slug", s(slug), "commentId", s(id)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** The put of a new comment, for a transaction with its idempotency record. */
    TransactWriteItem put(Comment comment) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(comment))
                .conditionExpression("attribute_not_exists(commentId)").build()).build();
    }

    /** One page of an article's approved comments, oldest first. */
    Page approved(String slug, int limit, Optional<Map<String, AttributeValue>> from) {
        QueryResponse response = dynamo.query(r -> {
            r.tableName(table).indexName(APPROVED_INDEX)
                    .keyConditionExpression("approvedSlug = :slug")
                    .expressionAttributeValues(Map.of(":slug", s(slug)))
                    .limit(limit);
            from.ifPresent(r::exclusiveStartKey);
        });
        List<Comment> comments = response.items().stream().map(CommentStore::fromItem).toList();
        Map<String, AttributeValue> last = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
        return new Page(comments, last.isEmpty() ? Optional.empty() : Optional.of(last));
    }

    record Page(List<Comment> comments, Optional<Map<String, AttributeValue>> next) {
    }

    private static Map<String, AttributeValue> toItem(Comment c) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("slug", s(c.slug()));
        item.put("commentId", s(c.id()));
        item.put("status", s(c.status()));
        item.put("name", s(c.name()));
        c.website().ifPresent(w -> item.put("website", s(w)));
        item.put("body", s(c.body()));
        c.parentId().ifPresent(p -> item.put("parentId", s(p)));
        item.put("createdAt", s(c.createdAt().toString()));
        c.email().ifPresent(e -> item.put("email", s(e)));
        c.emailHash().ifPresent(h -> item.put("emailHash", s(h)));
        item.put("clientHash", s(c.clientHash()));
        c.score().ifPresent(score -> item.put("score", AttributeValue.fromN(Double.toString(score))));
        if (c.status().equals(Comment.APPROVED)) {
            item.put("approvedSlug", s(c.slug()));
        } else {
            item.put("queue", s(c.status()));
        }
        return item;
    }

    private static Comment fromItem(Map<String, AttributeValue> item) {
        return new Comment(item.get("slug").s(), item.get("commentId").s(), item.get("status").s(), item.get("name").s(),
                optional(item, "website"), item.get("body").s(), optional(item, "parentId"),
                Instant.parse(item.get("createdAt").s()), optional(item, "email"), optional(item, "emailHash"),
                item.containsKey("clientHash") ? item.get("clientHash").s() : "",
                Optional.ofNullable(item.get("score")).map(v -> Double.parseDouble(v.n())));
    }

    private static Optional<String> optional(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
