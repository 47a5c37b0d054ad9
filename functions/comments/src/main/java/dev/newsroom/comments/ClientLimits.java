package dev.newsroom.comments;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.newsroom.core.store.DynamoBatches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Short-lived records per client, in a table whose items expire through DynamoDB's TTL
 * ({@code expiresAt}): rate counters per minute (G3), seen comment bodies (D6), and the outcome
 * of each submission by its captcha token, so a retried POST gets the same answer (B3); and the desk's
 * bans of commenters, by the hash of their email or of their address, which expire with a
 * suspension or never.
 */
final class ClientLimits {

    private static final String IN_PROGRESS = "in-progress";
    /** A claim whose captcha passed but whose comment could not be stored: a retry takes it over without the spent token. */
    private static final String VERIFIED = "verified";
    private static final Logger LOG = LoggerFactory.getLogger(ClientLimits.class);
    static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";
    private static final Duration CLAIM_LAPSES = Duration.ofMinutes(1);

    private final DynamoDbClient dynamo;
    private final String table;

    ClientLimits(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * The marker that this client sent this body for this article, written in one transaction with
     * the comment; its condition fails if the same body came within the window (D6).
     */
    TransactWriteItem markBody(String article, String clientHash, String bodyHash, Instant now, Duration window) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of("key", AttributeValue.fromS("dup#" + article + "#" + clientHash + "#" + bodyHash),
                        "expiresAt", AttributeValue.fromN(Long.toString(now.plus(window).getEpochSecond()))))
                .conditionExpression("attribute_not_exists(#key) OR expiresAt < :now")
                .expressionAttributeNames(Map.of("#key", "key"))
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))
                .build()).build();
    }

    /**
     * A POST by its idempotency key (its captcha token, with its article) and the fingerprint of
     * what it says, so a key sent again with other words is told apart from a retry.
     */
    record Submission(String key, String fingerprint) {
    }

    /** What claiming a submission found. */
    sealed interface Claim {
        /**
         * The claim is this request's, under its own attempt: every later write to it names the
         * attempt, so a request whose claim lapsed and was taken by another copy changes nothing.
         */
        sealed interface Held extends Claim {
            String attempt();
        }

        /** The submission is this request's to check and store. */
        record Granted(String attempt) implements Held {
        }

        /**
         * An earlier copy of this POST passed its captcha (whose token is now spent) and failed to
         * store the comment: the claim is this request's, with the captcha's score then.
         */
        record Verified(String attempt, Optional<Double> score) implements Held {
        }

        /** Another copy of this POST holds the claim and is being checked or stored. */
        record InProgress() implements Claim {
        }

        /** An earlier copy was answered: with the comment it stored, and that comment's status then. */
        record Answered(String commentId, String status) implements Claim {
        }

        /** The client has used its posts for this minute; nothing was written. */
        record RateLimited() implements Claim {
        }

        /** The key came before with another comment: neither a retry nor a new post. */
        record Reused() implements Claim {
        }
    }

    /**
     * Claims a submission, by the key of its captcha token, before its captcha is checked, so two
     * copies of one POST cannot both go through (B3), and counts it in the client's minute (G3).
     * Both in one transaction, one write instead of two; a rate-limited or repeated request
     * counts nothing.
     */
    Claim claim(Submission submission, String clientHash, Instant now, int perMinute) {
        if (perMinute <= 0) {
            return new Claim.RateLimited();
        }
        long minute = now.getEpochSecond() / 60;
        String attempt = java.util.UUID.randomUUID().toString();
        TransactWriteItem claim = TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of("key", key(submission.key()), "status", AttributeValue.fromS(IN_PROGRESS),
                        "fingerprint", AttributeValue.fromS(submission.fingerprint()), "startedAt", number(now.getEpochSecond()),
                        "attempt", AttributeValue.fromS(attempt), "expiresAt", number(now.plus(Duration.ofDays(1)).getEpochSecond())))
                // A claim left by a crashed attempt lapses after a minute.
                .conditionExpression("attribute_not_exists(#key) OR (#status = :claimed AND startedAt < :lapsed)")
                .expressionAttributeNames(Map.of("#key", "key", "#status", "status"))
                .expressionAttributeValues(Map.of(":claimed", AttributeValue.fromS(IN_PROGRESS),
                        ":lapsed", number(now.minus(CLAIM_LAPSES).getEpochSecond())))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build();
        TransactWriteItem count = countInMinute("rate#" + clientHash, minute, perMinute);
        for (int tries = 1; ; tries++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(claim, count));
                return new Claim.Granted(attempt);
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (CONDITION_FAILED.equals(code(reasons, 0))) {
                    return found(submission, attempt, now, reasons.get(0).item());
                }
                if (CONDITION_FAILED.equals(code(reasons, 1))) {
                    return new Claim.RateLimited();
                }
                // Another copy of this POST claiming at the same moment.
                if (TRANSACTION_CONFLICT.equals(code(reasons, 0))) {
                    return new Claim.InProgress();
                }
                // The same reader posting another comment at the same moment: count again.
                if (!TRANSACTION_CONFLICT.equals(code(reasons, 1)) || tries == 3) {
                    throw e;
                }
            } catch (SdkException e) {
                // The claim may have been written with its answer lost: given up now, so a retry need not wait for it to lapse.
                abandon(submission.key(), attempt, "a claim whose answer was lost was not given up; it lapses in a minute");
                throw e;
            }
        }
    }

    private void abandon(String submissionKey, String attempt, String otherwise) {
        bestEffort(otherwise, () ->
                dynamo.deleteItem(r -> r.tableName(table).key(Map.of("key", key(submissionKey)))
                        .conditionExpression("#status = :claimed AND attempt = :attempt")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":claimed", AttributeValue.fromS(IN_PROGRESS), ":attempt", AttributeValue.fromS(attempt)))));
    }

    /** What the claim's failed condition found: the old item, or, if the database did not return it, a fresh read. */
    private Claim found(Submission submission, String attempt, Instant now, Map<String, AttributeValue> old) {
        Map<String, AttributeValue> record = old == null || old.isEmpty()
                ? dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of("key", key(submission.key())))).item()
                : old;
        // Empty: a refused copy gave the claim up in between; a 409 lets the caller send it again.
        if (record == null || record.isEmpty()) {
            return new Claim.InProgress();
        }
        // This request's own claim, whose first answer was lost and which the SDK sent again.
        if (record.containsKey("attempt") && record.get("attempt").s().equals(attempt) && IN_PROGRESS.equals(record.get("status").s())) {
            return new Claim.Granted(attempt);
        }
        // A record from before fingerprints were kept has none, and counts as the same words.
        AttributeValue fingerprint = record.get("fingerprint");
        if (fingerprint != null && !fingerprint.s().equals(submission.fingerprint())) {
            return new Claim.Reused();
        }
        return switch (record.get("status").s()) {
            case IN_PROGRESS -> new Claim.InProgress();
            case VERIFIED -> takeOver(submission, attempt, now);
            default -> new Claim.Answered(record.get("commentId").s(), record.get("status").s());
        };
    }

    /**
     * Takes over a verified claim with the same words, as this request's attempt from now on (a
     * claim taken over is as fresh as a new one), unless another copy of the POST took it first.
     * Safe to send again: a claim this attempt already took satisfies the condition too.
     */
    private Claim takeOver(Submission submission, String attempt, Instant now) {
        try {
            Map<String, AttributeValue> old = dynamo.updateItem(r -> r.tableName(table).key(Map.of("key", key(submission.key())))
                    .updateExpression("SET #status = :claimed, startedAt = :now, attempt = :attempt")
                    .conditionExpression("(#status = :verified OR (#status = :claimed AND attempt = :attempt)) AND fingerprint = :fingerprint")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":claimed", AttributeValue.fromS(IN_PROGRESS),
                            ":verified", AttributeValue.fromS(VERIFIED), ":now", number(now.getEpochSecond()),
                            ":attempt", AttributeValue.fromS(attempt), ":fingerprint", AttributeValue.fromS(submission.fingerprint())))
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
            return new Claim.Verified(attempt, Optional.ofNullable(old.get("score")).map(score -> Double.parseDouble(score.n())));
        } catch (ConditionalCheckFailedException e) {
            return new Claim.InProgress();
        }
    }

    /**
     * Marks a claim whose captcha passed, and whose comment then failed to store, so a retry of the
     * POST need not spend its token again: providers answer a token once. Best effort: if even this
     * fails, the claim lapses after a minute and the reader is asked for a new captcha.
     */
    void keepVerified(String submissionKey, String attempt, Optional<Double> score) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":claimed", AttributeValue.fromS(IN_PROGRESS),
                ":verified", AttributeValue.fromS(VERIFIED), ":attempt", AttributeValue.fromS(attempt)));
        score.ifPresent(s -> values.put(":score", AttributeValue.fromN(Double.toString(s))));
        bestEffort("a verified submission's claim was not kept; it lapses in a minute", () ->
                dynamo.updateItem(r -> r.tableName(table).key(Map.of("key", key(submissionKey)))
                        .updateExpression("SET #status = :verified" + (score.isPresent() ? ", score = :score" : ""))
                        .conditionExpression("#status = :claimed AND attempt = :attempt")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(values)));
    }

    /** The code of a cancelled transaction's item, or null. */
    static String code(List<CancellationReason> reasons, int index) {
        return reasons.size() > index ? reasons.get(index).code() : null;
    }

    /**
     * Gives a claim up when its submission was refused, so a corrected retry is not held up. Best
     * effort: the refusal is the answer either way, and a claim left behind lapses after a minute.
     */
    void release(String submissionKey, String attempt) {
        abandon(submissionKey, attempt, "a refused submission's claim was not released; it lapses in a minute");
    }

    /**
     * A write that tidies a claim up, tried three times: it is conditional, so trying again is safe, and
     * its condition failing means there was nothing left to do.
     */
    private void bestEffort(String otherwise, Runnable write) {
        for (int tries = 1; ; tries++) {
            try {
                write.run();
                return;
            } catch (ConditionalCheckFailedException done) {
                return;
            } catch (SdkException e) {
                if (tries == 3) {
                    LOG.atWarn().addKeyValue("reason", e.getClass().getSimpleName() + ": " + e.getMessage()).log(otherwise);
                    return;
                }
            }
        }
    }

    /** What claiming a reader's report found. */
    enum ReportClaim {
        /** The first from this reader: count it. */
        COUNTED,
        /** This reader reported this comment before: it counts once. */
        ALREADY,
        /** The reader has sent their reports for this minute. */
        RATE_LIMITED
    }

    /**
     * Claims a reader's report of a comment: once per reader and comment (for a month), and within
     * the reader's reports this minute, in one transaction; a repeated or rate-limited report
     * writes nothing.
     */
    ReportClaim claimReport(String article, String commentId, String clientHash, Instant now, int perMinute) {
        long minute = now.getEpochSecond() / 60;
        TransactWriteItem once = TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of("key", AttributeValue.fromS("report#" + article + "#" + commentId + "#" + clientHash),
                        "expiresAt", number(now.plus(Duration.ofDays(30)).getEpochSecond())))
                .conditionExpression("attribute_not_exists(#key)")
                .expressionAttributeNames(Map.of("#key", "key")).build()).build();
        TransactWriteItem count = countInMinute("reports#" + clientHash, minute, perMinute);
        try {
            dynamo.transactWriteItems(r -> r.transactItems(once, count));
            return ReportClaim.COUNTED;
        } catch (TransactionCanceledException e) {
            if (CONDITION_FAILED.equals(code(e.cancellationReasons(), 0))) {
                return ReportClaim.ALREADY;
            }
            if (CONDITION_FAILED.equals(code(e.cancellationReasons(), 1))) {
                return ReportClaim.RATE_LIMITED;
            }
            throw e;
        }
    }

    /** One more in a client's count for this minute, refused once it is at {@code limit}; the counter expires with the minute. */
    private TransactWriteItem countInMinute(String counter, long minute, int limit) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Map.of("key", AttributeValue.fromS(counter + "#" + minute)))
                .updateExpression("ADD #count :one SET expiresAt = if_not_exists(expiresAt, :expires)")
                .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
                .expressionAttributeNames(Map.of("#count", "count"))
                .expressionAttributeValues(Map.of(":one", number(1), ":limit", number(limit), ":expires", number((minute + 2) * 60)))
                .build()).build();
    }

    /** The answer to a claimed submission, written in one transaction with its comment. */
    TransactWriteItem recordSubmission(Submission submission, String attempt, String article, String commentId, String status, Instant now) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of("key", key(submission.key()), "fingerprint", AttributeValue.fromS(submission.fingerprint()),
                        "article", AttributeValue.fromS(article),
                        "commentId", AttributeValue.fromS(commentId),
                        "status", AttributeValue.fromS(status),
                        "expiresAt", number(now.plus(Duration.ofDays(1)).getEpochSecond())))
                .conditionExpression("#status = :claimed AND attempt = :attempt")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":claimed", AttributeValue.fromS(IN_PROGRESS), ":attempt", AttributeValue.fromS(attempt)))
                .build()).build();
    }

    /** Bans the commenters these hashes name until {@code until}, or for good; a later ban replaces an earlier one. */
    void ban(Collection<String> hashes, Optional<Instant> until, String by) {
        for (String hash : hashes) {
            Map<String, AttributeValue> item = new HashMap<>(Map.of("key", AttributeValue.fromS(BAN + hash), "by", AttributeValue.fromS(by)));
            until.ifPresent(end -> item.put("expiresAt", number(end.getEpochSecond())));
            dynamo.putItem(r -> r.tableName(table).item(item));
        }
    }

    /** Lifts the bans of these hashes, if any. */
    void lift(Collection<String> hashes) {
        hashes.forEach(hash -> dynamo.deleteItem(r -> r.tableName(table).key(Map.of("key", AttributeValue.fromS(BAN + hash)))));
    }

    /** A commenter's ban: until a time (a suspension), or for good. */
    record Ban(Optional<Instant> until) {
    }

    /** The ban in force on the first of these hashes that has one, if any. */
    Optional<Ban> ban(Collection<String> hashes, Instant now) {
        var keys = hashes.stream().map(hash -> Map.of("key", AttributeValue.fromS(BAN + hash))).toList();
        // TTL removes an expired ban within days, not at once: the time decides.
        return DynamoBatches.get(dynamo, table, keys).stream()
                .map(item -> Optional.ofNullable(item.get("expiresAt")).map(n -> Instant.ofEpochSecond(Long.parseLong(n.n()))))
                .filter(until -> until.isEmpty() || until.get().isAfter(now))
                .map(Ban::new).findFirst();
    }

    private static final String BAN = "ban#";

    private static AttributeValue key(String submissionKey) {
        return AttributeValue.fromS("sub#" + submissionKey);
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
