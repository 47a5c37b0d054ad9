package dev.newsroom.comments;

import dev.newsroom.core.store.DiscussionStore;
import dev.newsroom.core.store.DynamoBatches;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The comments table: partitioned by the article's path (in the key attribute named {@code slug}, from
 * before articles were keyed by path), sorted by time-ordered id. Sparse index keys
 * list what each reader needs without a scan: {@code queue} (pending, reported, rejected, spam,
 * approved) for moderators,
 * {@code emailHash} for a commenter's history and erasure. A new
 * comment is stored together with its records in {@link ClientLimits}.
 */
final class CommentStore {

    static final String MODERATION_INDEX = "moderation";
    static final String EMAIL_INDEX = "byEmail";

    private final DynamoDbClient dynamo;
    private final String table;

    CommentStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** What adding a comment led to; only {@link #STORED} wrote anything. */
    enum Added {
        STORED,
        /** The submission's claim lapsed and another copy of the same POST took it over (B3). */
        CLAIM_LOST,
        /** The same client sent the same body for this article within the window (D6). */
        DUPLICATE
    }

    Optional<Comment> find(String article, String id) {
        if (id.startsWith(AUDIT_PREFIX)) {
            return Optional.empty(); // a deleted comment's record is no comment
        }
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key(article, id))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /**
     * Stores a new comment in one transaction with the answer to its submission and the marker of
     * its body, so nothing is half stored (B4), a retry finds the answer (B3) and the same body
     * within the window is refused (D6).
     *
     * @param answer     the answer to the submission this request holds the claim of ({@link ClientLimits#recordSubmission})
     * @param bodyMarker the marker of its body, refused while one is there ({@link ClientLimits#markBody})
     */
    Added add(Comment comment, TransactWriteItem answer, TransactWriteItem bodyMarker) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(comment))
                            .conditionExpression("attribute_not_exists(commentId)").build()).build(),
                    answer, bodyMarker));
            return Added.STORED;
        } catch (TransactionCanceledException e) {
            // Reasons come in the order of the items: the comment, the submission, the body marker.
            List<CancellationReason> reasons = e.cancellationReasons();
            if (ClientLimits.CONDITION_FAILED.equals(ClientLimits.code(reasons, 1))) {
                return Added.CLAIM_LOST;
            }
            if (ClientLimits.CONDITION_FAILED.equals(ClientLimits.code(reasons, 2))) {
                return Added.DUPLICATE;
            }
            throw e;
        }
    }

    /**
     * Stores comments written without a reader's submission (imported, or a staff member's reply),
     * each only if it is not there yet, so an import sent again stores nothing twice; returns how
     * many it stored.
     */
    int addAll(List<Comment> imported) {
        List<TransactWriteItem> puts = imported.stream().map(c -> TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(toItem(c)).conditionExpression("attribute_not_exists(commentId)").build()).build()).toList();
        int stored = 0;
        for (DynamoBatches.Written written : DynamoBatches.transact(dynamo, puts)) {
            if (written.failure().isPresent()) {
                throw written.failure().get(); // an outage: sent again, what was stored stays stored once
            }
            stored += written.written() ? 1 : 0;
        }
        return stored;
    }

    /**
     * One page of an article's approved comments, oldest first, read from its partition with a
     * consistent read: a comment approved a moment ago is there, and so are its badges.
     */
    Page approved(String article, int limit, Optional<Map<String, AttributeValue>> from) {
        List<Comment> found = new java.util.ArrayList<>();
        Map<String, AttributeValue> start = from.orElse(null);
        do {
            QueryResponse response = dynamo.query(DiscussionStore.approvedIn(table, article).exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : response.items()) {
                found.add(fromItem(item));
                if (found.size() == limit) {
                    // The page ends inside what DynamoDB read: the next one starts after its last comment.
                    return new Page(found, Optional.of(key(article, item.get("commentId").s())));
                }
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return new Page(found, Optional.empty());
    }

    /** One page of a moderation queue across articles: oldest first, but the approved queue newest first. */
    Page queue(String queue, int limit, Optional<Map<String, AttributeValue>> from) {
        return page(MODERATION_INDEX, "queue", queue, limit, from, !queue.equals(Comment.APPROVED));
    }

    /** How many comments a moderation queue holds. */
    int count(String queue) {
        return DynamoBatches.count(dynamo, queueRequest(queue).build());
    }

    /** When the newest comment of a moderation queue came in, if it holds any. */
    Optional<Instant> newest(String queue) {
        return dynamo.query(queueRequest(queue).scanIndexForward(false).limit(1).build()).items().stream()
                .map(CommentStore::fromItem).map(Comment::createdAt).findFirst();
    }

    private QueryRequest.Builder queueRequest(String queue) {
        return QueryRequest.builder().tableName(table).indexName(MODERATION_INDEX).keyConditionExpression("#queue = :queue")
                .expressionAttributeNames(Map.of("#queue", "queue")).expressionAttributeValues(Map.of(":queue", s(queue)));
    }

    /**
     * Moves a comment to another status, and queue, recording the decision. False if there is no
     * such comment.
     */
    boolean setStatus(String article, String id, String status, Comment.Decision decision) {
        // Approving a reported comment settles its reports; other decisions keep them, as the reason for
        // the decision, and take a comment off the page, featured or not.
        return decide(article, id, decision, "#status = :status, queue = :status",
                status.equals(Comment.APPROVED) ? " REMOVE reportCount, reportReasons" : " REMOVE featured",
                "attribute_exists(commentId) AND NOT begins_with(commentId, :audit)", Map.of(":status", s(status), ":audit", s(AUDIT_PREFIX)));
    }

    /**
     * Features an approved comment on its page, or stops featuring it, recording the decision;
     * false if there is no approved comment.
     */
    boolean feature(String article, String id, boolean featured, Comment.Decision decision) {
        return featured
                ? decide(article, id, decision, "featured = :yes", "", "#status = :approved",
                        Map.of(":yes", AttributeValue.fromBool(true), ":approved", s(Comment.APPROVED)))
                : decide(article, id, decision, "", " REMOVE featured", "#status = :approved", Map.of(":approved", s(Comment.APPROVED)));
    }

    /**
     * Records a ban of the comment's commenter, with the keys it was applied to, so it can be lifted
     * from here even after an erasure has taken the hashes off the comment; false if there is no
     * such comment.
     */
    boolean recordBan(String article, String id, java.util.Collection<String> keys, Comment.Decision decision) {
        return decide(article, id, decision, "bannedKeys = :keys", "", "attribute_exists(#status)",
                Map.of(":keys", AttributeValue.fromSs(List.copyOf(keys))));
    }

    /** Records the lifting of a ban applied from this comment. */
    boolean recordLift(String article, String id, Comment.Decision decision) {
        return decide(article, id, decision, "", " REMOVE bannedKeys", "attribute_exists(#status)", Map.of());
    }

    /** The keys a ban applied from this comment named, if one was. */
    Optional<java.util.Set<String>> bannedKeys(String article, String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key(article, id))
                .projectionExpression("bannedKeys")).item();
        return item == null || !item.containsKey("bannedKeys") ? Optional.empty() : Optional.of(java.util.Set.copyOf(item.get("bannedKeys").ss()));
    }

    /**
     * One decision on one comment, if {@code condition} holds: {@code set} and {@code remove}
     * ({@code " REMOVE ..."}) apply with the decision appended to its audit trail.
     */
    private boolean decide(String article, String id, Comment.Decision decision, String set, String remove, String condition,
                           Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":none", AttributeValue.fromL(List.of()));
        all.put(":decision", AttributeValue.fromL(List.of(AttributeValue.fromM(decisionItem(decision)))));
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(article, id))
                    .updateExpression("SET " + (set.isEmpty() ? "" : set + ", ") + APPEND_DECISION + remove)
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(all));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static final String APPEND_DECISION = "audit = list_append(if_not_exists(audit, :none), :decision)";

    /** A commenter's comments by their email's hash, newest first, at most {@code limit}. */
    List<Comment> byCommenter(String emailHash, int limit) {
        List<Map<String, AttributeValue>> itemKeys = commenterKeys(emailHash, limit).stream().map(k -> key(k.get("slug").s(), k.get("commentId").s())).toList();
        return DynamoBatches.get(dynamo, table, itemKeys).stream().filter(item -> item.containsKey("status"))
                .map(CommentStore::fromItem).sorted(java.util.Comparator.comparing(Comment::id).reversed()).toList();
    }

    /**
     * The status of each of a commenter's newest comments, at most {@code limit}, by
     * {@code article + " " + id}: their history, read without their text.
     */
    Map<String, String> statusesOf(String emailHash, int limit) {
        List<Map<String, AttributeValue>> itemKeys = commenterKeys(emailHash, limit).stream()
                .map(k -> key(k.get("slug").s(), k.get("commentId").s())).toList();
        Map<String, String> statuses = new HashMap<>();
        DynamoBatches.get(dynamo, table, itemKeys, List.of("slug", "commentId", "status")).stream().filter(item -> item.containsKey("status"))
                .forEach(item -> statuses.put(item.get("slug").s() + " " + item.get("commentId").s(), item.get("status").s()));
        return statuses;
    }

    /** An article's comments in every queue, newest first, one page: what the desk finds by article. */
    Page ofArticle(String article, int limit, Optional<Map<String, AttributeValue>> from) {
        QueryResponse response = dynamo.query(r -> {
            r.tableName(table).keyConditionExpression("slug = :article").scanIndexForward(false).limit(limit)
                    .filterExpression("attribute_exists(#status)").expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":article", s(article)));
            from.ifPresent(r::exclusiveStartKey);
        });
        return page(response);
    }

    /**
     * At most {@code limit} comments whose name or text holds {@code words} (as
     * {@link TextRules#searchable} makes them), from a scan of at most {@code read} items, so the
     * desk pages through a large table rather than read it whole at once: a page may hold fewer
     * matches, or none, and still have a next one.
     */
    Page search(String words, int limit, int read, Optional<Map<String, AttributeValue>> from) {
        ScanResponse response = dynamo.scan(r -> {
            r.tableName(table).limit(read).filterExpression("contains(searchText, :words)")
                    .expressionAttributeValues(Map.of(":words", s(words)));
            from.ifPresent(r::exclusiveStartKey);
        });
        if (response.items().size() > limit) {
            // More matched than a page holds: the next page scans on from the last one shown.
            List<Map<String, AttributeValue>> shown = response.items().subList(0, limit);
            Map<String, AttributeValue> last = shown.get(limit - 1);
            return new Page(shown.stream().map(CommentStore::fromItem).toList(),
                    Optional.of(key(last.get("slug").s(), last.get("commentId").s())));
        }
        Map<String, AttributeValue> last = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
        return new Page(response.items().stream().map(CommentStore::fromItem).toList(), last.isEmpty() ? Optional.empty() : Optional.of(last));
    }

    /** Deleted comments leave their record behind under this prefix of the id: who, when, why, never the text. */
    static final String AUDIT_PREFIX = "audit#";

    private static Map<String, AttributeValue> decisionItem(Comment.Decision decision) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("who", s(decision.who()), "at", s(decision.at().toString()),
                "action", s(decision.action())));
        decision.reason().ifPresent(reason -> item.put("reason", s(reason)));
        return item;
    }

    private static List<Comment.Decision> decisions(Map<String, AttributeValue> item) {
        if (!item.containsKey("audit")) {
            return List.of();
        }
        return item.get("audit").l().stream().map(AttributeValue::m).map(d -> new Comment.Decision(d.get("who").s(),
                Instant.parse(d.get("at").s()), d.get("action").s(), Optional.ofNullable(d.get("reason")).map(AttributeValue::s))).toList();
    }

    /**
     * Counts a reader's report of an approved comment (the caller has made sure each reader counts
     * once), with its reason; at {@code threshold} reports the comment joins the reported queue,
     * and stays on the page. The count, or none if there is no approved comment.
     */
    Optional<Integer> report(String article, String id, String reason, int threshold) {
        int count;
        try {
            count = Integer.parseInt(dynamo.updateItem(r -> r.tableName(table).key(key(article, id))
                    .updateExpression("ADD reportCount :one, reportReasons :reason")
                    .conditionExpression("#status = :approved")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":reason", AttributeValue.fromSs(List.of(reason)),
                            ":approved", s(Comment.APPROVED)))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.UPDATED_NEW))
                    .attributes().get("reportCount").n());
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
        if (count >= threshold) {
            try {
                dynamo.updateItem(r -> r.tableName(table).key(key(article, id))
                        .updateExpression("SET queue = :reported")
                        // Approved before the approved queue existed, or since: in no other queue.
                        .conditionExpression("#status = :approved AND (attribute_not_exists(queue) OR queue = :approved)")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":reported", s(Comment.REPORTED), ":approved", s(Comment.APPROVED))));
            } catch (ConditionalCheckFailedException alreadyQueuedOrDecided) {
                // in the queue already, or a moderator decided meanwhile
            }
        }
        return Optional.of(count);
    }

    /**
     * Deletes the comment and leaves the record of the decision in its place, with the decisions
     * before it, in one transaction; false if there is no such comment.
     */
    boolean delete(String article, String id, Comment.Decision decision) {
        Optional<Comment> comment = find(article, id);
        if (comment.isEmpty()) {
            return false;
        }
        List<AttributeValue> audit = new java.util.ArrayList<>();
        comment.get().audit().forEach(earlier -> audit.add(AttributeValue.fromM(decisionItem(earlier))));
        Map<String, AttributeValue> record = new HashMap<>(decisionItem(decision));
        record.put("audit", AttributeValue.fromL(audit));
        record.putAll(key(article, AUDIT_PREFIX + id + "#" + decision.at()));
        record.put("deletedComment", s(id));
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(article, id))
                            .conditionExpression("attribute_exists(commentId) AND NOT begins_with(commentId, :audit)")
                            .expressionAttributeValues(Map.of(":audit", s(AUDIT_PREFIX)))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(record)).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (ClientLimits.CONDITION_FAILED.equals(ClientLimits.code(e.cancellationReasons(), 0))) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Whether the commenter with this email hash has had a comment approved: pre-moderation of
     * first comments lets the next ones through. Reads their newest comments only.
     */
    boolean hasApproved(String emailHash) {
        return byCommenter(emailHash, FIRST_COMMENT_READ).stream().anyMatch(c -> c.status().equals(Comment.APPROVED));
    }

    /** How many of a commenter's newest comments are read to find an approved one. */
    private static final int FIRST_COMMENT_READ = 20;

    /** The keys of a commenter's comments, by their email's hash, newest first, at most {@code limit}. */
    private List<Map<String, AttributeValue>> commenterKeys(String emailHash, int limit) {
        return DynamoBatches.query(dynamo, QueryRequest.builder().tableName(table).indexName(EMAIL_INDEX)
                .keyConditionExpression("emailHash = :hash").expressionAttributeValues(Map.of(":hash", s(emailHash)))
                .scanIndexForward(false).build(), limit);
    }

    /** Removes the email and client hash from every comment with this email hash (H7); returns how many. */
    int erase(String emailHash, Comment.Decision decision) {
        List<Map<String, AttributeValue>> items = commenterKeys(emailHash, Integer.MAX_VALUE);
        int erased = 0;
        for (Map<String, AttributeValue> item : items) {
            try {
                // The index may still list a comment deleted a moment ago: never bring it back as a stub.
                dynamo.updateItem(r -> r.tableName(table).key(key(item.get("slug").s(), item.get("commentId").s()))
                        .updateExpression("REMOVE email, emailHash, clientHash SET " + APPEND_DECISION)
                        .conditionExpression("attribute_exists(commentId)")
                        .expressionAttributeValues(Map.of(":none", AttributeValue.fromL(List.of()),
                                ":decision", AttributeValue.fromL(List.of(AttributeValue.fromM(decisionItem(decision)))))));
                erased++;
            } catch (ConditionalCheckFailedException deleted) {
                // gone already
            }
        }
        return erased;
    }

    private Page page(String index, String keyName, String keyValue, int limit, Optional<Map<String, AttributeValue>> from,
                      boolean oldestFirst) {
        QueryResponse response = dynamo.query(r -> {
            r.tableName(table).indexName(index).scanIndexForward(oldestFirst)
                    .keyConditionExpression("#key = :value")
                    .expressionAttributeNames(Map.of("#key", keyName))
                    .expressionAttributeValues(Map.of(":value", s(keyValue)))
                    .limit(limit);
            from.ifPresent(r::exclusiveStartKey);
        });
        return page(response);
    }

    private static Page page(QueryResponse response) {
        List<Comment> comments = response.items().stream().map(CommentStore::fromItem).toList();
        Map<String, AttributeValue> last = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
        return new Page(comments, last.isEmpty() ? Optional.empty() : Optional.of(last));
    }

    record Page(List<Comment> comments, Optional<Map<String, AttributeValue>> next) {
    }

    private static Map<String, AttributeValue> key(String article, String id) {
        return Map.of("slug", s(article), "commentId", s(id));
    }

    private static Map<String, AttributeValue> toItem(Comment c) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("slug", s(c.article()));
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
        if (c.withoutCaptcha()) {
            item.put("withoutCaptcha", AttributeValue.fromBool(true));
        }
        item.put("searchText", s(TextRules.searchable(c.name() + "\n" + c.body())));
        c.hold().ifPresent(hold -> {
            item.put("holdRule", s(hold.rule()));
            item.put("holdMatch", s(hold.match()));
        });
        item.put("queue", s(c.status()));
        if (c.badges().staff()) {
            item.put("staff", AttributeValue.fromBool(true));
        }
        if (c.badges().featured()) {
            item.put("featured", AttributeValue.fromBool(true));
        }
        return item;
    }

    private static Comment fromItem(Map<String, AttributeValue> item) {
        return new Comment(item.get("slug").s(), item.get("commentId").s(), item.get("status").s(), item.get("name").s(),
                optional(item, "website"), item.get("body").s(), optional(item, "parentId"),
                Instant.parse(item.get("createdAt").s()), optional(item, "email"), optional(item, "emailHash"),
                item.containsKey("clientHash") ? item.get("clientHash").s() : "",
                Optional.ofNullable(item.get("score")).map(v -> Double.parseDouble(v.n())),
                DiscussionStore.flag(item, "withoutCaptcha"),
                optional(item, "holdRule").map(rule -> new Hold(rule, optional(item, "holdMatch").orElse(""))),
                item.containsKey("reportCount") ? new Comment.Reports(Integer.parseInt(item.get("reportCount").n()),
                        item.containsKey("reportReasons") ? java.util.Set.copyOf(item.get("reportReasons").ss()) : java.util.Set.of())
                        : Comment.Reports.NONE,
                decisions(item), new Comment.Badges(DiscussionStore.flag(item, "staff"), DiscussionStore.flag(item, "featured")));
    }

    private static Optional<String> optional(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
