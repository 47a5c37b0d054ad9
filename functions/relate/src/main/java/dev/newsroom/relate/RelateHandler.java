package dev.newsroom.relate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import dev.newsroom.core.aws.AwsClients;
import dev.newsroom.core.aws.SnapshotPriming;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.logging.JsonLogs;
import dev.newsroom.core.logging.LogSettings;
import dev.newsroom.core.store.ArticleItems;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relate function: batches of the articles table's stream in, related lists and listing pages
 * out. A record that fails is named in {@code batchItemFailures} by its sequence number (A6); later
 * records of the same article wait for it (Lambda delivers them again after it), and the rest of the
 * batch goes on. Everything it writes is outside the articles table, so it never feeds itself.
 */
public final class RelateHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(RelateHandler.class);

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
        this.priming = SnapshotPriming.register(relater::prime);
    }

    private static Relater fromEnvironment(Env env) {
        var clients = new AwsClients(env);
        return Relater.create(RelateConfig.from(env), clients.s3(), clients.dynamoDb(), Clock.systemUTC());
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return JsonLogs.during(logs, context, () -> {
            List<BatchItemFailure> failures = new ArrayList<>();
            Set<String> waiting = new HashSet<>();
            for (DynamodbStreamRecord record : event.getRecords()) {
                String slug = record.getDynamodb().getKeys().get(ArticleItems.SLUG).getS();
                if (waiting.contains(slug) || !handle(record, slug)) {
                    if (waiting.add(slug)) {
                        failures.add(BatchItemFailure.builder().withItemIdentifier(record.getDynamodb().getSequenceNumber()).build());
                    }
                }
            }
            return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
        });
    }

    private boolean handle(DynamodbStreamRecord record, String slug) {
        long start = System.nanoTime();
        try {
            Relater.Result result = relater.apply(ArticleChange.of(record));
            LOG.atInfo().addKeyValue("slug", slug).addKeyValue("event", record.getEventName())
                    .addKeyValue("postings", result.postings()).addKeyValue("lists", result.lists())
                    .addKeyValue("pages", result.pages()).addKeyValue("durationMs", (System.nanoTime() - start) / 1_000_000)
                    .log(result.description());
            return true;
        } catch (RuntimeException e) {
            LOG.atError().addKeyValue("slug", slug).addKeyValue("event", record.getEventName())
                    .addKeyValue("sequenceNumber", record.getDynamodb().getSequenceNumber())
                    .addKeyValue("reason", e.getClass().getSimpleName() + ": " + e.getMessage())
                    .log("failed; the record will be retried");
            return false;
        }
    }
}
