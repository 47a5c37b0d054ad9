package dev.newsroom.comments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The claim of a submission against DynamoDB Local, with the transaction conflicts real DynamoDB
 * reports for two transactions on one item at once (DynamoDB Local serialises them, so they are
 * injected before the request leaves).
 */
@ExtendWith(LocalServicesExtension.class)
class ClientLimitsIT {

    private final Provisioned local;
    private final String client = "client-" + UUID.randomUUID();
    private final Instant now = Instant.now();

    ClientLimitsIT(Provisioned local) {
        this.local = local;
    }

    @Test
    void aConflictOnTheClaimIsAnotherCopyOfThePostInProgress_B3() {
        ClientLimits limits = limits(conflicts(1, "TransactionConflict", "None"));
        assertInstanceOf(ClientLimits.Claim.InProgress.class, limits.claim(submission(), client, now, 5));
    }

    @Test
    void aConflictOnTheCounterIsTriedAgainAndCountedOnce_G3() {
        AtomicInteger sent = new AtomicInteger();
        ClientLimits limits = limits(conflicts(2, "None", "TransactionConflict"), counting(sent));
        assertInstanceOf(ClientLimits.Claim.Granted.class, limits.claim(submission(), client, now, 5));
        assertEquals(3, sent.get(), "two conflicts, then the transaction that went through");
        long minute = now.getEpochSecond() / 60;
        Map<String, AttributeValue> counter = local.services().dynamoDb().getItem(r -> r.tableName(local.name("ClientLimitsTable"))
                .consistentRead(true).key(Map.of("key", AttributeValue.fromS("rate#" + client + "#" + minute)))).item();
        assertEquals("1", counter.get("count").n());
    }

    @Test
    void aRepeatedSubmissionGetsTheAnswerAndCountsNothing_B3_G3() {
        ClientLimits limits = limits();
        ClientLimits.Submission submission = submission();
        assertInstanceOf(ClientLimits.Claim.Granted.class, limits.claim(submission, client, now, 2));
        assertInstanceOf(ClientLimits.Claim.InProgress.class, limits.claim(submission, client, now, 2));
        assertInstanceOf(ClientLimits.Claim.Granted.class, limits.claim(submission(), client, now, 2),
                "the repeat was not counted, so a second post still fits a limit of two");
        assertInstanceOf(ClientLimits.Claim.RateLimited.class, limits.claim(submission(), client, now, 2));
    }

    /**
     * A claim whose captcha passed and whose comment could not be stored is kept as verified: the
     * retry with the same words takes it over, with the score, as a fresh attempt of its own; other
     * words under the token are a reuse; a second copy taking it over at the same time waits; and
     * the earlier attempt can no longer release or mark what is now the retry's (A20).
     */
    @Test
    void aVerifiedClaimIsTakenOverOnceByTheRetryWithTheSameWords_A20() {
        ClientLimits limits = limits();
        ClientLimits.Submission submission = submission();
        var first = (ClientLimits.Claim.Granted) limits.claim(submission, client, now, 5);
        limits.keepVerified(submission.key(), first.attempt(), java.util.Optional.of(0.9));

        assertEquals(new ClientLimits.Claim.Reused(), limits.claim(new ClientLimits.Submission(submission.key(), "other words"), client, now, 5));
        var retry = limits.claim(submission, client, now.plusSeconds(120), 5);
        assertInstanceOf(ClientLimits.Claim.Verified.class, retry);
        var verified = (ClientLimits.Claim.Verified) retry;
        assertEquals(java.util.Optional.of(0.9), verified.score());
        assertNotEquals(first.attempt(), verified.attempt(), "the retry's own attempt from now on");
        assertInstanceOf(ClientLimits.Claim.InProgress.class, limits.claim(submission, client, now.plusSeconds(121), 5),
                "taken over, the claim is fresh: a second copy waits rather than claiming it as lapsed");

        limits.release(submission.key(), first.attempt());
        limits.keepVerified(submission.key(), first.attempt(), java.util.Optional.of(0.1));
        Map<String, AttributeValue> claim = local.services().dynamoDb().getItem(r -> r.tableName(local.name("ClientLimitsTable"))
                .consistentRead(true).key(Map.of("key", AttributeValue.fromS("sub#" + submission.key())))).item();
        assertEquals(verified.attempt(), claim.get("attempt").s(), "the earlier attempt changed nothing");
        assertEquals("in-progress", claim.get("status").s());
    }

    private ClientLimits limits(ExecutionInterceptor... faults) {
        DynamoDbClient dynamo = local.services().dynamoDb(List.of(faults));
        return new ClientLimits(dynamo, local.name("ClientLimitsTable"));
    }

    private static ClientLimits.Submission submission() {
        return new ClientLimits.Submission(UUID.randomUUID().toString(), "the words");
    }

    /** Counts the transactions that reach the database or the fault before it. */
    private static ExecutionInterceptor counting(AtomicInteger sent) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest) {
                    sent.incrementAndGet();
                }
            }
        };
    }

    /** Cancels the first {@code times} transactions as DynamoDB does, with these codes for the claim and the counter. */
    private static ExecutionInterceptor conflicts(int times, String claimCode, String counterCode) {
        AtomicInteger left = new AtomicInteger(times);
        return new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest && left.getAndDecrement() > 0) {
                    throw TransactionCanceledException.builder().message("Transaction cancelled").statusCode(400)
                            .awsErrorDetails(AwsErrorDetails.builder().serviceName("DynamoDb")
                                    .errorCode("TransactionCanceledException").errorMessage("Transaction cancelled").build())
                            .cancellationReasons(CancellationReason.builder().code(claimCode).build(),
                                    CancellationReason.builder().code(counterCode).build())
                            .build();
                }
            }
        };
    }
}
