package dev.newsroom.relate;

import dev.newsroom.core.store.StreamRecord;
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
import dev.newsroom.core.store.ArticleItems;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relate function: batches of the articles table's stream in, related lists and listing pages
 * out, each written once per batch ({@link Relater}). If work fails, the earliest record it carried
 * is named in {@code batchItemFailures} by its sequence number, and Lambda delivers the batch again
 * from there (A6). Of the articles table it writes only the marker of a burst's waiting changes,
 * whose record is meant to come back to it ({@link dev.newsroom.core.store.UnsettledStore}).
 *
 * <p>It reads the batch's JSON itself ({@link StreamRecord}) rather than as Lambda's event classes:
 * the runtime's serialisation library for those took a quarter of a second of every cold start.
 */
public final class RelateHandler implements RequestStreamHandler, SnapshotPriming.Primable {

    private static final Logger LOG = LoggerFactory.getLogger(RelateHandler.class);
    /** The metrics of each batch (template.yaml's dashboard names them): its size, the pages it wrote, and how old its oldest record was. */
    public static final String RECORDS = "RecordsPerBatch";
    public static final String PAGES = "PagesWritten";
    public static final String LAG = "StreamLagSeconds";

    private final Relater relater;
    private final LogSettings logs;
    private final SnapshotPriming priming;

    /** What Lambda calls: configuration from the process environment. */
    public RelateHandler() {
        this(System.getenv());
    }

    /** Configuration from an environment-style map, as the local stack passes the template's variables. */
    public RelateHandler(Map<String, String> environment) {
        this(fromEnvironment(new Env(environment)), LogSettings.from(new Env(environment)));
    }

    public RelateHandler(Relater relater, LogSettings logs) {
        this.relater = relater;
        this.logs = logs;
        this.priming = SnapshotPriming.register(this);
    }

    @Override
    public void prime() {
        relater.prime();
    }

    private static Relater fromEnvironment(Env env) {
        var clients = new AwsClients(env);
        return Relater.create(RelateConfig.from(env), clients.s3(), clients.dynamoDb(), EdgeInvalidations.from(env, clients), Clock.systemUTC());
    }

    /** Answers {@code {"batchItemFailures": [{"itemIdentifier": SEQUENCE_NUMBER}, ...]}}. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        List<StreamRecord> batch = StreamRecord.batch(Json.readEvent(input));
        List<String> failed = JsonLogs.during(logs, context, () -> failures(batch, context));
        List<Map<String, String>> failures = failed.stream().map(sequenceNumber -> Map.of("itemIdentifier", sequenceNumber)).toList();
        output.write(Json.writeUtf8(Map.of("batchItemFailures", failures)));
    }

    /** The sequence number of the record to deliver the batch again from, if any. */
    private List<String> failures(List<StreamRecord> batch, Context context) {
        long start = System.nanoTime();
        // The invocation's last minute is kept for the batch's answer and the chunk of pages in flight.
        Instant until = Instant.now().plusMillis(context.getRemainingTimeInMillis()).minus(Duration.ofMinutes(1));
        Relater.Result result = relater.apply(batch.stream().map(ArticleChange::of).toList(), until);
        int retried = result.retry().map(retry -> batch.size() - retry.record()).orElse(0);
        result.retry().ifPresent(retry -> {
            StreamRecord record = batch.get(retry.record());
            (retry.failed() ? LOG.atError() : LOG.atInfo()).addKeyValue("article", record.keys().get(ArticleItems.KEY).s())
                    .addKeyValue("event", record.eventName()).addKeyValue("sequenceNumber", record.sequenceNumber())
                    .addKeyValue("reason", retry.reason())
                    .log((retry.failed() ? "failed" : "not done") + "; the batch will be delivered again from this record");
        });
        Map<String, EmbeddedMetrics.Value> metrics = new LinkedHashMap<>();
        metrics.put(RECORDS, EmbeddedMetrics.Value.count(batch.size()));
        metrics.put(PAGES, EmbeddedMetrics.Value.count(result.pages()));
        batch.stream().flatMap(r -> r.created().stream()).min(Comparator.naturalOrder()).ifPresent(oldest ->
                metrics.put(LAG, EmbeddedMetrics.Value.seconds(Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0))));
        EmbeddedMetrics.record("relate batch", new EmbeddedMetrics.Metrics(metrics));
        // One line per batch: what an operator watching a backlog drain needs.
        LOG.atInfo().addKeyValue("records", batch.size()).addKeyValue("postings", result.postings())
                .addKeyValue("lists", result.lists()).addKeyValue("pages", result.pages()).addKeyValue("removed", result.removed())
                .addKeyValue("deferred", result.deferred()).addKeyValue("settled", result.settled()).addKeyValue("retried", retried)
                .addKeyValue("durationMs", (System.nanoTime() - start) / 1_000_000)
                .log("batch of " + batch.size() + " records: " + result.pages() + " pages written"
                        + (result.deferred() > 0 ? ", " + result.deferred() + " changes left for after the burst" : "")
                        + (result.settled() > 0 ? ", " + result.settled() + " waiting changes settled" : ""));
        return result.retry().map(retry -> List.of(batch.get(retry.record()).sequenceNumber())).orElse(List.of());
    }
}
