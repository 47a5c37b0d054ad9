package dev.newsroom.relate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.newsroom.core.aws.AwsClients;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.json.Json;
import dev.newsroom.core.logging.JsonLogs;
import dev.newsroom.core.logging.LogSettings;
import dev.newsroom.core.store.StreamRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The comment pages function: batches of the comments table's stream in, article pages with their
 * approved comments out ({@link CommentPages}). It lives beside the relate function, whose page
 * rendering it shares, so that the comments function never needs the site bucket (H1). A failed
 * article names its first record in {@code batchItemFailures}, and Lambda delivers the batch again
 * from there.
 */
public final class CommentPagesHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CommentPagesHandler.class);

    private final CommentPages pages;
    private final LogSettings logs;

    /** What Lambda calls: configuration from the process environment. */
    public CommentPagesHandler() {
        this(System.getenv());
    }

    /** Configuration from an environment-style map, as the local stack passes the template's variables. */
    public CommentPagesHandler(Map<String, String> environment) {
        this(pagesOf(new Env(environment)), LogSettings.from(new Env(environment)));
    }

    CommentPagesHandler(CommentPages pages, LogSettings logs) {
        this.pages = pages;
        this.logs = logs;
    }

    private static CommentPages pagesOf(Env env) {
        AwsClients clients = new AwsClients(env);
        return CommentPages.of(Wiring.of(RelateConfig.from(env), clients.s3(), clients.dynamoDb()), java.time.Clock.systemUTC());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        List<StreamRecord> batch = StreamRecord.batch(Json.readEvent(input));
        List<String> failed = JsonLogs.during(logs, context, () -> {
            long start = System.nanoTime();
            CommentPages.Result result = pages.apply(batch);
            result.retry().ifPresent(retry -> LOG.atError().addKeyValue("article", batch.get(retry.record()).keys().get("slug").s())
                    .addKeyValue("reason", retry.reason()).log("failed; the batch will be delivered again from this record"));
            LOG.atInfo().addKeyValue("records", batch.size()).addKeyValue("pages", result.pages())
                    .addKeyValue("durationMs", (System.nanoTime() - start) / 1_000_000)
                    .log("batch of " + batch.size() + " comment records: " + result.pages() + " pages written");
            return result.retry().map(retry -> List.of(batch.get(retry.record()).sequenceNumber())).orElse(List.of());
        });
        output.write(Json.writeUtf8(Map.of("batchItemFailures",
                failed.stream().map(sequenceNumber -> Map.of("itemIdentifier", sequenceNumber)).toList())));
    }
}
