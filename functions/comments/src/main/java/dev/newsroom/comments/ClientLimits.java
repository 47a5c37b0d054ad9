package dev.newsroom.comments;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Short-lived records per client, in a table whose items expire through DynamoDB's TTL
 * ({@code expiresAt}): rate counters per minute (G3), seen comment bodies (D6), and the outcome
 * of each submission by its captcha token, so a retried POST gets the same answer (B3).
 */
final class ClientLimits {

    static final String IN_PROGRESS = "in-progress";
    private static final Duration CLAIM_LAPSES = Duration.ofMinutes(1);

    private final DynamoDbClient dynamo;
    private final String table;

    ClientLimits(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Counts a request in the client's current minute; returns the count including this one. */
    long countRequest(String clientHash, Instant now) {
        long minute = now.getEpochSecond() / 60;
        var response = dynamo.updateItem(r -> r.tableName(table)
                .key(Map.of("key", AttributeValue.fromS("rate#" + clientHash + "#" + minute)))
                .updateExpression("ADD #count :one SET expiresAt = if_not_exists(expiresAt, :expires)")
                .expressionAttributeNames(Map.of("#count", "count"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                        ":expires", AttributeValue.fromN(Long.toString((minute + 2) * 60))))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(response.attributes().get("count").n());
    }

    /**
     * The marker that this client sent this body for this article, written in one transaction with
     * the comment; its condition fails if the same body came within the window (D6).
     */
    TransactWriteItem markBody(String slug, String clientHash, String bodyHash, Instant now, Duration window) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of("key", AttributeValue.fromS("dup#" + slug + "#" + clientHash + "#" + bodyHash),
                        "expiresAt", AttributeValue.fromN(Long.toString(now.plus(window).getEpochSecond()))))
                .conditionExpression("attribute_not_exists(#key) OR expiresAt < :now")
                .expressionAttributeNames(Map.of("#key", "key"))
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))
                .build()).build();
    }

    /**
     * Claims a submission, by the key of its captcha token, before its captcha is checked, so two
     * copies of one POST cannot both go through (B3). Empty if claimed; else the record that is
     * there: an answer already given, or a claim in progress.
     */
    Optional<Map<String, AttributeValue>> claim(String submissionKey, Instant now) {
        for (int attempt = 0; ; attempt++) {
            try {
                dynamo.putItem(r -> r.tableName(table)
                        .item(Map.of("key", key(submissionKey), "status", AttributeValue.fromS(IN_PROGRESS),
                                "startedAt", number(now.getEpochSecond()),
                                "expiresAt", number(now.plus(Duration.ofDays(1)).getEpochSecond())))
                        // A claim left by a crashed attempt lapses after a minute.
                        .conditionExpression("attribute_not_exists(#key) OR (#status = :claimed AND startedAt < :lapsed)")
                        .expressionAttributeNames(Map.of("#key", "key", "#status", "status"))
                        .expressionAttributeValues(Map.of(":claimed", AttributeValue.fromS(IN_PROGRESS),
                                ":lapsed", number(now.minus(CLAIM_LAPSES).getEpochSecond()))));
                return Optional.empty();
            } catch (ConditionalCheckFailedException e) {
                var item = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of("key", key(submissionKey)))).item();
                // Released between our put and our read: try the claim again.
                if (item != null && !item.isEmpty()) {
                    return Optional.of(item);
                }
                if (attempt == 2) {
                    throw ApiError.of(409, "submission_in_progress", "This comment is being posted already.");
                }
            }
        }
    }

    /** Gives a claim up when its submission was refused, so nothing is left behind. */
    void release(String submissionKey) {
        dynamo.deleteItem(r -> r.tableName(table).key(Map.of("key", key(submissionKey)))
                .conditionExpression("#status = :claimed")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":claimed", AttributeValue.fromS(IN_PROGRESS))));
    }

    /** The answer to a claimed submission, written in one transaction with its comment. */
    TransactWriteItem recordSubmission(String submissionKey, String slug, String commentId, String status, Instant now) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of("key", key(submissionKey),
                        "slug", AttributeValue.fromS(slug),
                        "commentId", AttributeValue.fromS(commentId),
                        "status", AttributeValue.fromS(status),
                        "expiresAt", number(now.plus(Duration.ofDays(1)).getEpochSecond())))
                .conditionExpression("#status = :claimed")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":claimed", AttributeValue.fromS(IN_PROGRESS)))
                .build()).build();
    }

    private static AttributeValue key(String submissionKey) {
        return AttributeValue.fromS("sub#" + submissionKey);
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
