package dev.newsroom.relate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.store.UnsettledStore;
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
        assertEquals(List.of(), unsetVariables("RelateFunction"));
    }

    @Test
    void theMappingReportsFailuresBisectsRetriesFinitelyAndKeepsWhatItGivesUp_H4_A6() {
        assertEquals(1, function.path("Events").size());
        assertEquals(List.of(), TemplateContract.streamMappingProblems(template, "RelateFunction", "ArticleChanges",
                "ArticlesTable", "RelateFailures"));
    }

    /** The settings docs/related.md justifies ("The stream's event source mapping"), and the local stream pump follows. */
    @Test
    void theMappingGathersBurstsIntoLargeBatchesOneAtATimePerShard_B2() {
        JsonNode mapping = function.path("Events").path("ArticleChanges").path("Properties");
        assertEquals(1000, mapping.path("BatchSize").asInt(), "a bulk upload in few batches, each page written once a batch");
        assertEquals(1, mapping.path("MaximumBatchingWindowInSeconds").asInt(), "a lone change still live within about a second");
        assertEquals(1, mapping.path("ParallelizationFactor").asInt(),
                "concurrent batches of a shard would render the same listing pages from different views of the index");
        assertEquals(900, function.path("Timeout").asInt(), "room for the batch that settles a burst of thousands of articles");
        JsonNode variables = function.path("Environment").path("Variables");
        assertEquals("10", variables.path("BURST_RECORDS").asText(), "a burst is a batch that holds more than a lone editor makes");
        assertEquals("300", variables.path("BURST_MAX_WAIT_SECONDS").asText(), "a stream that never quiets still settles");
    }

    @Test
    void neverScansAndWritesNoArticleOfTheTableItReads_H1() {
        assertEquals(List.of(), TemplateContract.broadPolicies(template, "RelateFunction"));
        String policies = function.path("Policies").toString();
        assertFalse(policies.contains("dynamodb:Scan"));
        for (JsonNode statement : function.path("Policies").get(0).path("Statement")) {
            String resources = statement.path("Resource").toString();
            if (resources.contains("ArticlesTable.Arn") && !resources.contains("StreamArn")) {
                String actions = statement.path("Action").toString();
                if (actions.contains("UpdateItem")) {
                    assertEquals("\"dynamodb:UpdateItem\"", actions);
                    assertEquals("[\"" + UnsettledStore.MARKER + "\"]", statement.path("Condition").path("ForAllValues:StringEquals")
                            .path("dynamodb:LeadingKeys").toString(), "the burst marker is the only item it may write there");
                } else if (resources.contains("/index/translations")) {
                    assertEquals("\"dynamodb:Query\"", actions, "finds an article's versions in the other languages");
                } else if (resources.contains("/index/latest")) {
                    assertEquals("\"dynamodb:Query\"", actions, "finds every published article, when a new configuration changes every page");
                } else {
                    assertEquals("[\"dynamodb:GetItem\",\"dynamodb:BatchGetItem\"]", actions, "reads the articles");
                }
            }
            if (statement.path("Action").toString().contains("DeleteItem")) {
                assertEquals("\"IndexTable.Arn\"", resources, "deletes only its own postings and links");
            }
        }
        assertTrue(template.resource("IndexTable").path("Properties").path("StreamSpecification").isMissingNode(),
                "the index has no stream: nothing the function writes triggers anything");
    }

    /** The comment pages function: a second handler of this module's jar, on the comments table's stream. */
    @Test
    void theCommentPagesFunctionReadsTheCommentsStreamAndWritesOnlyPagesAndCounts_H1_H4_H8_H9() throws Exception {
        JsonNode comments = template.resource("CommentPagesFunction").path("Properties");
        assertEquals(List.of(), TemplateContract.handlerProblems(template, "CommentPagesFunction", "relate"));
        assertEquals(CommentPagesHandler.class.getName() + "::handleRequest", comments.path("Handler").asText());
        assertEquals(List.of(), unsetVariables("CommentPagesFunction"));
        assertEquals(List.of(), TemplateContract.streamMappingProblems(template, "CommentPagesFunction", "CommentChanges",
                "CommentsTable", "CommentPagesFailures"));
        JsonNode mapping = comments.path("Events").path("CommentChanges").path("Properties");
        assertTrue(mapping.path("MaximumBatchingWindowInSeconds").asInt() >= 1, "a burst of approvals is gathered into one batch");
        assertEquals(1, mapping.path("ParallelizationFactor").asInt(), "one article's records in one batch at a time");
        assertEquals(List.of(), TemplateContract.broadPolicies(template, "CommentPagesFunction"));
        String policies = comments.path("Policies").toString();
        for (String write : List.of("dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Scan", "s3:DeleteObject")) {
            assertFalse(policies.contains(write), write + ": it reads tables and writes pages and counts, nothing else");
        }
        // Its one table write: an article's comment count, as a new version of the article item.
        comments.path("Policies").get(0).path("Statement").forEach(statement -> {
            if (statement.path("Action").toString().contains("dynamodb:PutItem")) {
                assertEquals("ArticlesTable.Arn", statement.path("Resource").asText(), statement::toString);
                assertEquals("[\"/*\"]", statement.path("Condition").path("ForAllValues:StringLike").path("dynamodb:LeadingKeys").toString(),
                        "articles' paths only");
            }
        });
        for (String shared : List.of("RELATED_COUNT", "RELATED_WINDOW", "LISTING_SIZE", "BURST_RECORDS", "BURST_MAX_WAIT_SECONDS")) {
            assertEquals(function.path("Environment").path("Variables").path(shared).asText(),
                    comments.path("Environment").path("Variables").path(shared).asText(), shared + " as the relate function's");
        }
        assertEquals("NEW_AND_OLD_IMAGES", template.resource("CommentsTable").path("Properties").path("StreamSpecification")
                .path("StreamViewType").asText(), "a record says what readers saw before and after");
    }

    /** What the module's configuration reads that the function's variables in the template do not set (H8). */
    private List<String> unsetVariables(String functionId) {
        return TemplateContract.unsetVariables(template, functionId, Map.of("CDN_URL", "https://d111111abcdef8.cloudfront.net"), env -> {
            Env recording = new Env(env);
            RelateConfig.from(recording);
            var clients = new dev.newsroom.core.aws.AwsClients(recording);
            if (functionId.equals("RelateFunction")) {
                dev.newsroom.core.aws.EdgeInvalidations.from(recording, clients);
            }
            return recording.read();
        });
    }
}
