package dev.newsroom.redirects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.core.config.Env;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.TemplateContract;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code template.yaml} and the redirects function agree, and the edge reads the store the function writes. */
class TemplateContractTest {

    private final CloudFormationTemplate template = CloudFormationTemplate.ofRepository();
    private final JsonNode function = template.resource("RedirectsFunction").path("Properties");

    TemplateContractTest() throws IOException {
    }

    @Test
    void handlerAndCodeUriNameThisModule_H9() throws Exception {
        assertEquals(List.of(), TemplateContract.handlerProblems(template, "RedirectsFunction", "redirects"));
        assertEquals(RedirectsHandler.class.getName() + "::handleRequest", function.path("Handler").asText());
    }

    @Test
    void everyVariableTheCodeReadsIsSet_H8() {
        assertEquals(List.of(), TemplateContract.unsetVariables(template, "RedirectsFunction",
                Map.of("REDIRECTS_STORE_ARN", "arn:aws:cloudfront::123456789012:key-value-store/abc",
                        "CDN_URL", "https://d111111abcdef8.cloudfront.net"), env -> {
                    Env recording = new Env(env);
                    RedirectsConfig.from(recording);
                    new dev.newsroom.core.aws.AwsClients(recording);
                    return recording.read();
                }));
    }

    @Test
    void theMappingReportsFailuresBisectsRetriesFinitelyAndKeepsWhatItGivesUp_H4_K1() {
        assertEquals(List.of(), TemplateContract.streamMappingProblems(template, "RedirectsFunction", "RedirectChanges",
                "RedirectsTable", "RedirectsFailures"));
        assertEquals(1, function.path("Events").path("RedirectChanges").path("Properties").path("ParallelizationFactor").asInt(),
                "one writer per shard, each update over the version it read");
    }

    @Test
    void mayOnlyUpdateTheEdgesStoreAndReadItsStream_H1() {
        assertEquals(List.of(), TemplateContract.broadPolicies(template, "RedirectsFunction"));
        for (JsonNode statement : function.path("Policies").get(0).path("Statement")) {
            String actions = statement.path("Action").toString();
            assertTrue(actions.contains("cloudfront-keyvaluestore:") || actions.contains("dynamodb:GetRecords")
                    || actions.equals("\"sqs:SendMessage\""), statement::toString);
            assertTrue(!actions.contains("dynamodb:") || statement.path("Resource").asText().equals("RedirectsTable.StreamArn"));
        }
    }

    /** The store the function writes is the one the distribution's viewer-request function reads. */
    @Test
    void theDistributionsViewerRequestFunctionReadsTheStoreThisFunctionWrites() {
        JsonNode viewer = template.resource("SiteViewerRequest").path("Properties");
        assertEquals("SiteRedirects.Arn", viewer.path("FunctionConfig").path("KeyValueStoreAssociations").get(0)
                .path("KeyValueStoreARN").asText());
        assertEquals("SiteRedirects.Arn", function.path("Environment").path("Variables").path("REDIRECTS_STORE_ARN").asText());
        assertEquals("cloudfront-js-2.0", viewer.path("FunctionConfig").path("Runtime").asText(), "the runtime with key-value stores");
        assertEquals("SiteViewerRequest.FunctionARN", template.resource("SiteDistribution").path("Properties").path("DistributionConfig")
                .path("DefaultCacheBehavior").path("FunctionAssociations").get(0).path("FunctionARN").asText());
    }
}
