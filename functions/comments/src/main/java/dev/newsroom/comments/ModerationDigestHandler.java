package dev.newsroom.comments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.newsroom.core.aws.AwsClients;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.json.Json;
import dev.newsroom.core.logging.EmbeddedMetrics;
import dev.newsroom.core.logging.JsonLogs;
import dev.newsroom.core.logging.LogSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Run by two schedules (template.yaml): {@code {"task": "measure"}} every five minutes records how long
 * the oldest pending comment has waited, as a metric the stack's alarm watches; {@code {"task":
 * "digest"}} every {@code DIGEST_EVERY_MINUTES} measures too, and emails moderators a digest through
 * the moderation topic when comments came in since the last one ({@link PendingDigest}).
 */
public final class ModerationDigestHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ModerationDigestHandler.class);
    /** The metrics' names, as the alarm names the first. */
    public static final String OLDEST_WAIT = "OldestPendingCommentMinutes";
    public static final String WAITING = "PendingComments";

    private final DigestConfig config;
    private final CommentStore comments;
    private final SnsClient sns;
    private final LogSettings logs;
    private final Clock clock;

    public ModerationDigestHandler() {
        this(System.getenv());
    }

    /** Configuration from an environment-style map, as the local stack passes the template's variables. */
    public ModerationDigestHandler(Map<String, String> environment) {
        this(new Env(environment), Clock.systemUTC());
    }

    ModerationDigestHandler(Env env, Clock clock) {
        this.config = DigestConfig.from(env);
        this.logs = LogSettings.from(env);
        AwsClients clients = new AwsClients(env);
        this.comments = new CommentStore(clients.dynamoDb(), config.commentsTable());
        var sns = SnsClient.builder().httpClient(clients.http()).region(clients.region()).credentialsProvider(clients.credentials());
        config.snsEndpoint().ifPresent(sns::endpointOverride);
        this.sns = sns.build();
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String task = Json.text(Json.readEvent(input).get("task"), "");
        if (!task.equals("measure") && !task.equals("digest")) {
            throw new IllegalArgumentException("the schedule's input names no task (measure or digest): " + task);
        }
        JsonLogs.during(logs, context, () -> {
            run(task.equals("digest"));
            return null;
        });
        output.write("{}".getBytes(StandardCharsets.UTF_8));
    }

    private void run(boolean digest) {
        Instant now = clock.instant();
        List<Comment> pending = comments.queue(Comment.PENDING, PendingDigest.LISTED, Optional.empty()).comments();
        PendingDigest waiting = new PendingDigest(pending.isEmpty() ? 0 : comments.count(Comment.PENDING), pending,
                pending.isEmpty() ? Optional.empty() : comments.newest(Comment.PENDING), now);
        Map<String, EmbeddedMetrics.Value> values = new LinkedHashMap<>();
        values.put(OLDEST_WAIT, new EmbeddedMetrics.Value(waiting.oldestWait().toMinutes(), "None"));
        values.put(WAITING, new EmbeddedMetrics.Value(waiting.waiting(), "Count"));
        EmbeddedMetrics.record("measured the moderation queue", new EmbeddedMetrics.Metrics(values));
        if (digest) {
            waiting.message(config.every(), config.site().name(), config.desk()).ifPresent(message -> {
                sns.publish(r -> r.topicArn(config.topicArn()).subject(message.subject()).message(message.text()));
                LOG.atInfo().addKeyValue("waiting", waiting.waiting()).log("sent the moderation digest");
            });
        }
    }
}
