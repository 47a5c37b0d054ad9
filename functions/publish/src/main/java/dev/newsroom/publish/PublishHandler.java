package dev.newsroom.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.newsroom.core.aws.AwsClients;
import dev.newsroom.core.aws.EdgeInvalidations;
import dev.newsroom.core.aws.SnapshotPriming;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.json.Json;
import dev.newsroom.core.logging.EmbeddedMetrics;
import dev.newsroom.core.logging.JsonLogs;
import dev.newsroom.core.logging.LogSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish function: S3 events from the source bucket in, pages and article items out.
 * Bad uploads are reported and not retried; anything a retry may fix is thrown, so Lambda retries
 * the event and, after its retries, sends it to the on-failure destination. It reads the event's
 * JSON itself ({@link SourceChange}), and answers nothing.
 */
public final class PublishHandler implements RequestStreamHandler, SnapshotPriming.Primable {

    private static final Logger LOG = LoggerFactory.getLogger(PublishHandler.class);
    static final String UPGRADE_FIELD = "upgrade";
    /** Time kept at the end of an upgrade's invocation for the pieces in flight (a photo of 50 megapixels takes seconds) and its answer. */
    static final Duration UPGRADE_MARGIN = Duration.ofSeconds(10);
    /** An operator's takedown: {@code {"takedown": {"article": PATH_OR_SLUG}}}, or with {@code "lift": true} and the source bucket. */
    static final String TAKEDOWN_FIELD = "takedown";

    private final Publisher publisher;
    private final LogSettings logs;
    private final SnapshotPriming priming;

    /** What Lambda calls: configuration from the process environment. */
    public PublishHandler() {
        this(System.getenv());
    }

    /** Configuration from an environment-style map, as the local stack passes the template's variables. */
    public PublishHandler(Map<String, String> environment) {
        this(fromEnvironment(new Env(environment)), LogSettings.from(new Env(environment)));
    }

    public PublishHandler(Publisher publisher, LogSettings logs) {
        this.publisher = publisher;
        this.logs = logs;
        this.priming = SnapshotPriming.register(this);
    }

    @Override
    public void prime() {
        publisher.prime();
    }

    private static Publisher fromEnvironment(Env env) {
        var clients = new AwsClients(env);
        var config = PublishConfig.from(env);
        var scheduler = SchedulerClient.builder().httpClient(clients.http()).region(clients.region()).credentialsProvider(clients.credentials());
        config.schedulerEndpoint().ifPresent(scheduler::endpointOverride);
        return Publisher.create(config, clients.s3(), clients.dynamoDb(), scheduler.build(), EdgeInvalidations.from(env, clients),
                Clock.systemUTC());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = Json.readEvent(input);
        if (event.containsKey(TAKEDOWN_FIELD)) {
            Publisher.Result result = JsonLogs.during(logs, context, () -> takedown(Json.object(event.get(TAKEDOWN_FIELD))));
            output.write(Json.writeUtf8(Map.of("article", result.path().orElse(""), "result", result.description())));
            return;
        }
        if (event.containsKey(UPGRADE_FIELD)) {
            Publisher.Upgraded result = JsonLogs.during(logs, context, () -> upgrade(event, context));
            Map<String, Object> answer = new java.util.LinkedHashMap<>(Map.of("upgrade", event.get(UPGRADE_FIELD), "result", result.summary(),
                    "left", result.left()));
            if (result.left() > 0) {
                answer.put("after", result.after());
            }
            output.write(Json.writeUtf8(answer));
            return;
        }
        JsonLogs.during(logs, context, () -> {
            if (event.containsKey(DueSchedules.EVENT_FIELD)) {
                due(Json.object(event.get(DueSchedules.EVENT_FIELD)));
            } else {
                Json.array(event.get("Records")).forEach(record -> handle(Json.object(record)));
            }
            return null;
        });
    }

    private void handle(Map<String, Object> record) {
        SourceChange change = SourceChange.of(record);
        logged(change.key(), Json.text(record.get("eventName"), ""), "the event will be retried", () -> publisher.handle(change));
    }

    /** A schedule's event: an article's time came, so its file is read again. A failure is thrown, for Lambda's retries. */
    private void due(Map<String, Object> file) {
        String bucket = Json.text(file.get("bucket"), "");
        String key = Json.text(file.get("key"), "");
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("a schedule's event names no bucket and key: " + file);
        }
        logged(key, "Scheduled", "the event will be retried", () -> publisher.due(bucket, key));
    }

    /** The operator's one-off upgrades, by name; each takes the source bucket, where to go on from, and when to stop starting work. */
    private static final Map<String, Upgrade> UPGRADES = new java.util.LinkedHashMap<>();

    private interface Upgrade {
        Publisher.Upgraded run(Publisher publisher, String bucket, String after, Instant until);
    }

    static {
        UPGRADES.put("schedule-times", Publisher::scheduleTimes);
        UPGRADES.put("image-sizes", Publisher::sizeImages);
        UPGRADES.put("images-live", Publisher::showImagesLive);
    }

    /**
     * The operator's one-off upgrades (docs/operations.md, "Upgrading"): {@code {"upgrade":
     * "schedule-times" | "image-sizes" | "images-live", "bucket": SOURCE, "after": WHERE}}, answered
     * with what the run did, how much it left, and where the next run goes on ({@code after}, none at
     * first). It starts no new piece of work in the last {@link #UPGRADE_MARGIN} of the invocation,
     * so it ends with an answer rather than a timeout.
     */
    private Publisher.Upgraded upgrade(Map<String, Object> event, Context context) {
        String bucket = Json.text(event.get("bucket"), "");
        Upgrade upgrade = UPGRADES.get(Json.text(event.get(UPGRADE_FIELD), ""));
        if (upgrade == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("an upgrade event is {\"upgrade\": one of " + String.join(", ", UPGRADES.keySet())
                    + ", \"bucket\": <the source bucket>}: " + event);
        }
        String after = Json.text(event.get("after"), "");
        Instant until = Instant.now().plusMillis(context.getRemainingTimeInMillis()).minus(UPGRADE_MARGIN);
        return logged("", "Upgrade", "run it again", () -> upgrade.run(publisher, bucket, after, until),
                done -> new Publisher.Result(done.summary(), Optional.empty()));
    }

    /**
     * An operator's takedown, or its lift (docs/operations.md, "Takedowns"), answered with what it
     * did. A refusal (no such article) or a failure is thrown: the invoker sees it as the function's error.
     */
    private Publisher.Result takedown(Map<String, Object> request) {
        String article = Json.text(request.get("article"), "");
        if (article.isBlank()) {
            throw new IllegalArgumentException("a takedown names its article by path or slug: {\"takedown\": {\"article\": \"/articles/x\"}}");
        }
        if (!Boolean.TRUE.equals(request.get("lift"))) {
            return logged("", "Takedown", "run it again", () -> publisher.takedown(article));
        }
        String bucket = Json.text(request.get("bucket"), "");
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("lifting a takedown reads the article's file again, so it names the source bucket: "
                    + "{\"takedown\": {\"article\": ..., \"lift\": true, \"bucket\": ...}}");
        }
        return logged("", "LiftTakedown", "run it again", () -> publisher.lift(bucket, article));
    }

    /** Runs one piece of work and logs what it did, or why it failed before rethrowing. */
    private static Publisher.Result logged(String sourceKey, String event, String onFailure, Supplier<Publisher.Result> work) {
        return logged(sourceKey, event, onFailure, work, Function.identity());
    }

    /** As above, for work whose answer is more than its account in the log. */
    private static <T> T logged(String sourceKey, String event, String onFailure, Supplier<T> work, Function<T, Publisher.Result> account) {
        long start = System.nanoTime();
        try {
            T answer = work.get();
            Publisher.Result result = account.apply(answer);
            if (result.counted() != Publisher.Counted.NOTHING) {
                EmbeddedMetrics.record(result.description(), EmbeddedMetrics.Metrics.of(result.counted().metric(), EmbeddedMetrics.Value.count(1)));
            }
            LOG.atInfo().addKeyValue("sourceKey", sourceKey).addKeyValue("article", result.path().orElse(null))
                    .addKeyValue("event", event).addKeyValue("durationMs", elapsedMs(start))
                    .log(result.description());
            return answer;
        } catch (RuntimeException e) {
            LOG.atError().addKeyValue("sourceKey", sourceKey).addKeyValue("event", event)
                    .addKeyValue("durationMs", elapsedMs(start))
                    .addKeyValue("reason", e.getClass().getSimpleName() + ": " + e.getMessage())
                    .log("failed; " + onFailure);
            throw e;
        }
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
