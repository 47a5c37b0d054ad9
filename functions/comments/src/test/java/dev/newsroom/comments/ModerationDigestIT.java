package dev.newsroom.comments;

import static dev.newsroom.comments.CommentsWorld.comment;
import static dev.newsroom.comments.CommentsWorld.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.core.config.Env;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.FunctionEnvironment;
import dev.newsroom.testkit.LocalJson;
import dev.newsroom.testkit.LocalServices;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import dev.newsroom.testkit.LocalTopic;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import dev.newsroom.testkit.LogCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The moderation digest against DynamoDB Local and a local SNS topic: what moderators get by email, and the alarm's metric. */
class ModerationDigestIT extends LocalCommentsIT {

    private static LocalTopic topic;
    private final Provisioned local;
    /** What the last run logged: its metric line among the rest. */
    private LogCapture logged;

    ModerationDigestIT(Provisioned local) {
        super(local);
        this.local = local;
    }

    @BeforeAll
    static void startTopic() throws Exception {
        topic = LocalTopic.start(Optional.empty());
    }

    @AfterAll
    static void stopTopic() {
        topic.close();
    }

    /**
     * The digest reads the whole pending queue, which other test classes of this run share (some of
     * their comments dated in the future): each test starts from an empty queue, as a moderator
     * would empty it, deleting every pending comment.
     */
    @BeforeEach
    void emptyThePendingQueue() {
        for (JsonNode page = pending(); page.get("comments").size() > 0; page = pending()) {
            page.get("comments").forEach(c -> world.moderate("DELETE", "comments/" + c.get("articleToken").asText() + "/"
                    + c.get("id").asText(), Map.of(), null, CommentsWorld.MODERATOR));
        }
    }

    private JsonNode pending() {
        return CommentsWorld.json(world.moderate("GET", "comments", Map.of("queue", "pending", "limit", "100"), null, CommentsWorld.MODERATOR));
    }

    @Test
    void emailsModeratorsTheCommentsThatCameInWithTheDesksAddress() throws Exception {
        var manual = new CommentsWorld(local, siteverify, secrets, Map.of("MODERATION", "manual"));
        String article = manual.article("digest", "");
        assertEquals(202, manual.post(article, comment("Ada", "A digest should quote me.", token("test-pass"))).getStatusCode(), "held");
        int before = topic.messages().size();

        run(Clock.systemUTC(), "digest");

        assertEquals(before + 1, topic.messages().size());
        LocalTopic.Message digest = topic.messages().get(before);
        assertEquals("1 comment waits for moderation on The Daily Example", digest.subject());
        assertTrue(digest.text().contains("Ada on " + CommentsWorld.path(article) + " (held: manual)"), digest.text());
        assertTrue(digest.text().contains("\"A digest should quote me.\""), digest.text());
        assertTrue(digest.text().contains("Open the desk: https://news.example.org/desk/"), digest.text());
        assertEquals("test-stack", metricLine().path("Stack").asText());
    }

    /** The digest tells of new comments; the alarm, of old ones: a queue nobody works on is not emailed again every hour. */
    @Test
    void sendsNothingWhenNoCommentCameInSinceTheLastDigest() throws Exception {
        var manual = new CommentsWorld(local, siteverify, secrets, Map.of("MODERATION", "manual"));
        manual.post(manual.article("digest-later", ""), comment("Bo", "Waiting a while.", token("test-pass")));
        int before = topic.messages().size();

        run(Clock.offset(Clock.systemUTC(), Duration.ofHours(3)), "digest");

        assertEquals(before, topic.messages().size());
        var line = metricLine();
        assertTrue(line.path(ModerationDigestHandler.OLDEST_WAIT).asDouble() >= 180, line::toString);
        assertEquals(1, line.path(ModerationDigestHandler.WAITING).asInt(), line::toString);
        assertEquals("Newsroom", line.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText());
    }

    @Test
    void measuringSendsNoEmail() throws Exception {
        var manual = new CommentsWorld(local, siteverify, secrets, Map.of("MODERATION", "manual"));
        manual.post(manual.article("digest-measured", ""), comment("Cy", "Measured only.", token("test-pass")));
        int before = topic.messages().size();

        run(Clock.systemUTC(), "measure");

        assertEquals(before, topic.messages().size());
        assertTrue(metricLine().has(ModerationDigestHandler.OLDEST_WAIT), logged::text);
    }

    @Test
    void refusesAScheduleThatNamesNoTask_J12() {
        assertThrows(IllegalArgumentException.class, () -> run(Clock.systemUTC(), "everything"));
    }

    private void run(Clock clock, String task) throws Exception {
        Map<String, String> overrides = new HashMap<>(Map.of(
                "SITE_URL", CommentsWorld.SITE, "CDN_URL", "https://d111111abcdef8.cloudfront.net", "SITE_NAME", "The Daily Example",
                "AWS_REGION", LocalServices.REGION.id(), "AWS_ACCESS_KEY_ID", LocalServices.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", LocalServices.SECRET_KEY,
                "AWS_ENDPOINT_URL_DYNAMODB", local.services().dynamoEndpoint().toString(),
                "AWS_ENDPOINT_URL_SNS", topic.url().toString(), "MODERATION_TOPIC_ARN", LocalTopic.ARN, "STACK_NAME", "test-stack"));
        var environment = FunctionEnvironment.resolve(CloudFormationTemplate.ofRepository(), "ModerationDigestFunction", local.names(), overrides);
        var handler = new ModerationDigestHandler(new Env(environment), clock);
        logged = LogCapture.of(() -> {
            try {
                handler.handleRequest(new ByteArrayInputStream(("{\"task\":\"" + task + "\"}").getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayOutputStream(), null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** The run's metric line: the one with the embedded metric format's directive. */
    private com.fasterxml.jackson.databind.JsonNode metricLine() {
        return logged.lines().stream().filter(l -> l.has("_aws")).findFirst().orElseThrow(() -> new AssertionError(logged.text()));
    }
}
