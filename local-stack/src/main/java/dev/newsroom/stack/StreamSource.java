package dev.newsroom.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.testkit.CloudFormationTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A DynamoDB stream event source of a function in {@code template.yaml}, with the settings the
 * local event source mapping honours. A setting the template leaves out has Lambda's default.
 *
 * @param batchingWindow {@code MaximumBatchingWindowInSeconds}; zero hands records over as soon as they are read
 * @param parallelizationFactor batches of one shard handled at once; the local mapping emulates only 1
 * @param maximumRetryAttempts -1 retries until the records expire, as Lambda's default
 */
record StreamSource(String functionId, String eventId, String tableId, String startingPosition, int batchSize,
                    Duration batchingWindow, int parallelizationFactor, int maximumRetryAttempts,
                    boolean reportBatchItemFailures) {

    static List<StreamSource> fromTemplate(CloudFormationTemplate template) {
        List<StreamSource> sources = new ArrayList<>();
        template.resources("AWS::Serverless::Function").forEach((functionId, function) ->
                function.path("Properties").path("Events").fields().forEachRemaining(event -> {
                    if (!"DynamoDB".equals(event.getValue().path("Type").asText())) {
                        return;
                    }
                    JsonNode p = event.getValue().path("Properties");
                    String stream = p.path("Stream").asText();
                    boolean report = false;
                    for (JsonNode type : p.path("FunctionResponseTypes")) {
                        report |= type.asText().equals("ReportBatchItemFailures");
                    }
                    sources.add(new StreamSource(functionId, event.getKey(), stream.substring(0, stream.indexOf('.')),
                            p.path("StartingPosition").asText("TRIM_HORIZON"), p.path("BatchSize").asInt(100),
                            Duration.ofSeconds(p.path("MaximumBatchingWindowInSeconds").asInt(0)),
                            p.path("ParallelizationFactor").asInt(1), p.path("MaximumRetryAttempts").asInt(-1), report));
                }));
        return sources;
    }

    /** Refuses, before anything is delivered, a mapping the local one would not run as Lambda does. */
    void requireOneBatchAtATimePerShard() {
        if (parallelizationFactor != 1) {
            throw new IllegalStateException(functionId + "'s " + eventId + ": ParallelizationFactor " + parallelizationFactor
                    + " is not emulated: the local stream mapping hands a shard's batches over one at a time."
                    + " Set it to 1 in template.yaml (docs/related.md says why the relate function uses 1).");
        }
    }
}
