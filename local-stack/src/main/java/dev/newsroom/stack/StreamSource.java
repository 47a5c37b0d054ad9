package dev.newsroom.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.testkit.CloudFormationTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * A DynamoDB stream event source of a function in {@code template.yaml}, with the settings the
 * local event source mapping honours.
 *
 * @param maximumRetryAttempts -1 retries until the records expire, as Lambda's default
 */
record StreamSource(String functionId, String eventId, String tableId, String startingPosition, int batchSize,
                    int maximumRetryAttempts, boolean reportBatchItemFailures) {

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
                            p.path("MaximumRetryAttempts").asInt(-1), report));
                }));
        return sources;
    }
}
