package dev.newsroom.relate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.core.config.Env;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.TemplateContract;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code template.yaml} and the relate function's code agree, and the template keeps the deployment rules. */
class TemplateContractTest {

    private final CloudFormationTemplate template = CloudFormationTemplate.ofRepository();
    private final JsonNode function = template.resource("RelateFunction").path("Properties");

    TemplateContractTest() throws IOException {
    }

    @Test
    void handlerAndCodeUriNameThisModule_H9() throws Exception {
        assertEquals(List.of(), TemplateContract.handlerProblems(template, "RelateFunction", "relate"));
        assertEquals(RelateHandler.class.getName() + "::handleRequest", function.path("Handler").asText());
    }

    @Test
    void everyVariableTheCodeReadsIsSet_H8() {
        assertEquals(List.of(), TemplateContract.unsetVariables(template, "RelateFunction",
                Map.of("CDN_URL", "https://d111111abcdef8.cloudfront.net"), env -> {
                    Env recording = new Env(env);
                    RelateConfig.from(recording);
                    new dev.newsroom.core.aws.AwsClients(recording);
                    return recording.read();
                }));
    }

    @Test
    void theMappingReportsFailuresBisectsRetriesFinitelyAndKeepsWhatItGivesUp_H4_A6() {
        JsonNode events = function.path("Events");
        assertEquals(1, events.size());
        JsonNode mapping = events.path("ArticleChanges").path("Properties");
        assertEquals("DynamoDB", events.path("ArticleChanges").path("Type").asText());
        assertEquals("ArticlesTable.StreamArn", mapping.path("Stream").asText());
        assertEquals("ReportBatchItemFailures", mapping.path("FunctionResponseTypes").get(0).asText());
        assertTrue(mapping.path("BisectBatchOnFunctionError").asBoolean());
        int retries = mapping.path("MaximumRetryAttempts").asInt(-1);
        assertTrue(retries >= 0 && retries <= 10, "finite retries");
        assertTrue(mapping.path("MaximumRecordAgeInSeconds").asInt() > 0);
        assertEquals("RelateFailures.Arn", mapping.path("DestinationConfig").path("OnFailure").path("Destination").asText());
        assertEquals("NEW_AND_OLD_IMAGES", template.resource("ArticlesTable").path("Properties")
                .path("StreamSpecification").path("StreamViewType").asText(), "the function decides from both images");
    }

    /** The settings docs/related.md justifies ("The stream's event source mapping"), and the local stream pump follows. */
    @Test
    void theMappingGathersBurstsIntoLargeBatchesOneAtATimePerShard_B2() {
        JsonNode mapping = function.path("Events").path("ArticleChanges").path("Properties");
        assertEquals(1000, mapping.path("BatchSize").asInt(), "a bulk upload in few batches, each page written once a batch");
        assertEquals(1, mapping.path("MaximumBatchingWindowInSeconds").asInt(), "a lone change still live within about a second");
        assertEquals(1, mapping.path("ParallelizationFactor").asInt(),
                "concurrent batches of a shard would render the same listing pages from different views of the index");
        assertEquals(300, function.path("Timeout").asInt(), "room for a batch of 1,000 records at bulk-upload size");
    }

    @Test
    void neverScansAndCannotWriteTheTableItReads_H1() {
        assertEquals(List.of(), TemplateContract.broadPolicies(template, "RelateFunction"));
        String policies = function.path("Policies").toString();
        assertFalse(policies.contains("dynamodb:Scan"));
        for (JsonNode statement : function.path("Policies").get(0).path("Statement")) {
            String resources = statement.path("Resource").toString();
            if (resources.contains("ArticlesTable.Arn")) {
                assertEquals("[\"dynamodb:GetItem\",\"dynamodb:BatchGetItem\"]", statement.path("Action").toString(),
                        "reads only: its writes can never come back through the stream it consumes");
            }
            if (statement.path("Action").toString().contains("DeleteItem")) {
                assertEquals("\"IndexTable.Arn\"", resources, "deletes only its own postings and links");
            }
        }
        assertTrue(template.resource("IndexTable").path("Properties").path("StreamSpecification").isMissingNode(),
                "the index has no stream: nothing the function writes triggers anything");
    }
}
