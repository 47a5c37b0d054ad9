package dev.newsroom.redirects;

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
 * The redirects function: batches of the redirects table's stream in, the same changes out to the
 * edge's key-value store, which the distribution's viewer-request function reads to answer old
 * addresses with 301. A batch's changes are coalesced per address and written in UpdateKeys calls
 * of at most 50 keys; each names the store's version, and a conflict (another writer got there
 * first) reads it again and retries. Writing a key's last state twice is harmless, so a failed
 * batch is delivered again whole: its first record is named in {@code batchItemFailures}.
 */
public final class RedirectsHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RedirectsHandler.class);
    private static final int CONFLICT_ATTEMPTS = 5;

    private final KeyValueStoreClient store;
    private final LogSettings logs;

    /** What Lambda calls: configuration from the process environment. */
    public RedirectsHandler() {
        this(System.getenv());
    }

    /** Configuration from an environment-style map, as the local stack passes the template's variables. */
    public RedirectsHandler(Map<String, String> environment) {
        this(client(new Env(environment)), LogSettings.from(new Env(environment)));
    }

    RedirectsHandler(KeyValueStoreClient store, LogSettings logs) {
        this.store = store;
        this.logs = logs;
    }

    private static KeyValueStoreClient client(Env env) {
        var clients = new AwsClients(env);
        RedirectsConfig config = RedirectsConfig.from(env);
        return new KeyValueStoreClient(clients.http(), clients.credentials(), config.storeArn(), config.endpoint());
    }

    /** Answers {@code {"batchItemFailures": [...]}}: empty, or the batch's first record. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        List<StreamRecord> batch = StreamRecord.batch(Json.readEvent(input));
        List<String> failed = JsonLogs.during(logs, context, () -> failures(batch));
        output.write(Json.writeUtf8(Map.of("batchItemFailures",
                failed.stream().map(sequenceNumber -> Map.of("itemIdentifier", sequenceNumber)).toList())));
    }

    private List<String> failures(List<StreamRecord> batch) {
        EdgeChanges changes = EdgeChanges.of(batch);
        try {
            apply(changes);
        } catch (RuntimeException e) {
            LOG.atError().addKeyValue("records", batch.size()).addKeyValue("reason", String.valueOf(e.getMessage()))
                    .log("failed to update the edge's redirects; the batch will be delivered again");
            return batch.isEmpty() ? List.of() : List.of(batch.get(0).sequenceNumber());
        }
        LOG.atInfo().addKeyValue("records", batch.size()).addKeyValue("puts", changes.puts().size())
                .addKeyValue("deletes", changes.deletes().size())
                .log("batch of " + batch.size() + " records: " + changes.puts().size() + " redirects set, "
                        + changes.deletes().size() + " removed at the edge");
        return List.of();
    }

    private void apply(EdgeChanges changes) {
        if (changes.isEmpty()) {
            return;
        }
        String version = store.eTag();
        for (EdgeChanges part : changes.parts(KeyValueStoreClient.MAX_KEYS_PER_UPDATE)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    version = store.update(version, part.puts(), part.deletes());
                    break;
                } catch (KeyValueStoreClient.ConflictException e) {
                    if (attempt == CONFLICT_ATTEMPTS) {
                        throw e;
                    }
                    version = store.eTag();
                }
            }
        }
    }
}
