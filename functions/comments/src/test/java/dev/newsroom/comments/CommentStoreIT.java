package dev.newsroom.comments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Adding a comment, with its submission's answer and its body's marker, against DynamoDB Local. */
@ExtendWith(LocalServicesExtension.class)
class CommentStoreIT {

    private static final Duration WINDOW = Duration.ofDays(1);

    private final ClientLimits limits;
    private final CommentStore store;
    private final String slug = "store-" + UUID.randomUUID();
    private final String client = "client-" + UUID.randomUUID();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    CommentStoreIT(Provisioned local) {
        limits = new ClientLimits(local.services().dynamoDb(), local.name("ClientLimitsTable"));
        store = new CommentStore(local.services().dynamoDb(), local.name("CommentsTable"));
    }

    @Test
    void storesTheCommentAndTheAnswerARetryGets_B3_B4() {
        ClientLimits.Submission submission = claimed();
        Comment comment = comment("a", Comment.PENDING);
        assertEquals(CommentStore.Added.STORED, add(comment, submission, "body-a"));
        assertEquals(Optional.of(comment), store.find(slug, comment.id()));
        assertEquals(new ClientLimits.Claim.Answered(comment.id(), Comment.PENDING), limits.claim(submission, client, now, 5));
    }

    @Test
    void aKeySentAgainWithOtherWordsIsNeitherARetryNorANewPost_B3() {
        ClientLimits.Submission submission = claimed();
        Comment comment = comment("a", Comment.PENDING);
        assertEquals(CommentStore.Added.STORED, add(comment, submission, "body-a"));
        var other = new ClientLimits.Submission(submission.key(), "other words");
        assertEquals(new ClientLimits.Claim.Reused(), limits.claim(other, client, now, 5));
        assertEquals(new ClientLimits.Claim.Answered(comment.id(), Comment.PENDING), limits.claim(submission, client, now, 5),
                "the first post's retry still gets its answer");
        var inProgress = claimed();
        assertEquals(new ClientLimits.Claim.Reused(), limits.claim(new ClientLimits.Submission(inProgress.key(), "changed"), client, now, 5),
                "told apart while the first is still being stored too");
    }

    @Test
    void refusesTheSameBodyFromTheSameClientWithinTheWindow_D6() {
        assertEquals(CommentStore.Added.STORED, add(comment("a", Comment.APPROVED), claimed(), "same-body"));
        Comment again = comment("b", Comment.APPROVED);
        assertEquals(CommentStore.Added.DUPLICATE, add(again, claimed(), "same-body"));
        assertTrue(store.find(slug, again.id()).isEmpty(), "nothing half stored");
    }

    @Test
    void aSubmissionWhoseClaimWasTakenOverStoresNothing_B3() {
        ClientLimits.Submission submission = claimed();
        Comment first = comment("a", Comment.APPROVED);
        assertEquals(CommentStore.Added.STORED, add(first, submission, "body-a"));
        Comment second = comment("b", Comment.APPROVED);
        assertEquals(CommentStore.Added.CLAIM_LOST, add(second, submission, "body-b"),
                "the submission was answered by another copy of the POST");
        assertTrue(store.find(slug, second.id()).isEmpty());
        assertInstanceOf(ClientLimits.Claim.Answered.class, limits.claim(submission, client, now, 5));
    }

    /** Each claimed submission's attempt, which its answer names. */
    private final Map<String, String> attempts = new java.util.HashMap<>();

    private ClientLimits.Submission claimed() {
        var submission = new ClientLimits.Submission(UUID.randomUUID().toString(), "the words");
        var claim = limits.claim(submission, client, now, 5);
        assertInstanceOf(ClientLimits.Claim.Granted.class, claim);
        attempts.put(submission.key(), ((ClientLimits.Claim.Granted) claim).attempt());
        return submission;
    }

    private Comment comment(String suffix, String status) {
        return new Comment(slug, String.format("%013d-%s", now.toEpochMilli(), suffix), status, "Rosa", Optional.empty(),
                "Words " + suffix, Optional.empty(), now, Optional.empty(), Optional.empty(), client, Optional.empty(), false, Optional.empty(), Comment.Reports.NONE, java.util.List.of(), Comment.Badges.NONE);
    }

    /** Stores the comment as the service does: with its submission's answer and its body's marker. */
    private CommentStore.Added add(Comment comment, ClientLimits.Submission submission, String bodyHash) {
        return store.add(comment, limits.recordSubmission(submission, attempts.get(submission.key()), comment.article(), comment.id(), comment.status(),
                        comment.createdAt()),
                limits.markBody(comment.article(), comment.clientHash(), bodyHash, comment.createdAt(), WINDOW));
    }
}
