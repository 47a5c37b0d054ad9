package dev.newsroom.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.newsroom.core.aws.AwsClients;
import dev.newsroom.core.aws.SnapshotPriming;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.logging.JsonLogs;
import dev.newsroom.core.logging.LogSettings;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish function: S3 events from the source bucket in, pages and article items out.
 * Bad uploads are reported and not retried; anything a retry may fix is thrown, so Lambda retries
 * the event and, after its retries, sends it to the on-failure destination.
 */
public final class PublishHandler implements RequestHandler<S3Event, Void> {

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
        this.priming = SnapshotPriming.register(publisher::prime);
    }

    private static Publisher fromEnvironment(Env env) {
        var clients = new AwsClients(env);
        return Publisher.create(PublishConfig.from(env), clients.s3(), clients.dynamoDb(), Clock.systemUTC());
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        return JsonLogs.during(logs, context, () -> {
            for (S3EventNotificationRecord record : event.getRecords()) {
                handle(record);
            }
            return null;
        });
    }

    private void handle(S3EventNotificationRecord record) {
        long start = System.nanoTime();
        SourceChange change = SourceChange.of(record);
        try {
            Publisher.Result result = publisher.handle(change);
            LOG.atInfo().addKeyValue("sourceKey", change.key()).addKeyValue("slug", result.slug().orElse(null))
                    .addKeyValue("event", record.getEventName()).addKeyValue("durationMs", elapsedMs(start))
                    .log(result.description());
        } catch (RuntimeException e) {
            LOG.atError().addKeyValue("sourceKey", change.key()).addKeyValue("event", record.getEventName())
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
