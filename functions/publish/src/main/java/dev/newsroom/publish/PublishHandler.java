package dev.newsroom.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.newsroom.core.aws.AwsClients;
import dev.newsroom.core.aws.SnapshotPriming;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.json.Json;
import dev.newsroom.core.logging.JsonLogs;
import dev.newsroom.core.logging.LogSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
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
        return Publisher.create(PublishConfig.from(env), clients.s3(), clients.dynamoDb(), Clock.systemUTC());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = Json.readEvent(input);
        JsonLogs.during(logs, context, () -> {
            Json.array(event.get("Records")).forEach(record -> handle(Json.object(record)));
            return null;
        });
    }

    private void handle(Map<String, Object> record) {
        long start = System.nanoTime();
        SourceChange change = SourceChange.of(record);
        String eventName = Json.text(record.get("eventName"), "");
        try {
            Publisher.Result result = publisher.handle(change);
            LOG.atInfo().addKeyValue("sourceKey", change.key()).addKeyValue("article", result.path().orElse(null))
                    .addKeyValue("event", eventName).addKeyValue("durationMs", elapsedMs(start))
                    .log(result.description());
        } catch (RuntimeException e) {
            LOG.atError().addKeyValue("sourceKey", change.key()).addKeyValue("event", eventName)
                    .addKeyValue("durationMs", elapsedMs(start))
                    .addKeyValue("reason", e.getClass().getSimpleName() + ": " + e.getMessage())
                    .log("failed; the event will be retried");
            throw e;
        }
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
