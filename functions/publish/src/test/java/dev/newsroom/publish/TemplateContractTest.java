package dev.newsroom.publish;

import dev.newsroom.core.settings.SiteSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.core.config.Env;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.FunctionEnvironment;
import dev.newsroom.testkit.TemplateContract;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code template.yaml} and the publish function's code agree, and the template keeps the deployment rules (H1–H4). */
class TemplateContractTest {

    private final CloudFormationTemplate template = CloudFormationTemplate.ofRepository();
    private final JsonNode function = template.resource("PublishFunction").path("Properties");

    TemplateContractTest() throws IOException {
    }

    @Test
    void snapshotsPublishedVersionsAndRetriesThroughTheAlias_H10() {
        JsonNode globals = template.root().path("Globals").path("Function");
        assertEquals("PublishedVersions", globals.path("SnapStart").path("ApplyOn").asText());
        String alias = globals.path("AutoPublishAlias").asText();
        assertFalse(alias.isEmpty(), "events reach a published version only through the alias");
        JsonNode invokeConfig = template.resource("PublishFunctionInvokeConfig");
        assertEquals(alias, invokeConfig.path("Properties").path("Qualifier").asText(), "retries and failures apply to what S3 invokes");
        assertEquals("PublishFunctionAlias" + alias, invokeConfig.path("DependsOn").asText());
    }

    @Test
    void handlerAndCodeUriNameThisModule_H9() throws Exception {
        assertEquals(List.of(), TemplateContract.handlerProblems(template, "PublishFunction", "publish"));
        assertEquals(PublishHandler.class.getName() + "::handleRequest", function.path("Handler").asText());
        assertEquals("java17", template.root().path("Globals").path("Function").path("Runtime").asText());
    }

    @Test
    void everyVariableTheCodeReadsIsSet_H8() {
        assertEquals(List.of(), TemplateContract.unsetVariables(template, "PublishFunction",
                Map.of("CDN_URL", "https://d111111abcdef8.cloudfront.net", "SCHEDULE_GROUP", "stack-articles",
                        "SCHEDULE_TARGET_ARN", "arn:aws:lambda:us-east-1:123456789012:function:stack-publish:live",
                        "SCHEDULE_ROLE_ARN", "arn:aws:iam::123456789012:role/stack-ScheduledPublishRole",
                        "SCHEDULE_DEAD_LETTER_ARN", "arn:aws:sqs:us-east-1:123456789012:stack-ScheduledPublishFailures"), env -> {
                    Env recording = new Env(env);
                    PublishConfig.from(recording);
                    dev.newsroom.core.aws.EdgeInvalidations.from(recording, new dev.newsroom.core.aws.AwsClients(recording));
                    return recording.read();
                }));
    }

    /** A takedown invalidates pages of the site's own distribution, and of no other. */
    @Test
    void takedownsInvalidateOnlyTheSitesDistribution() {
        JsonNode function = template.resource("PublishFunction").path("Properties");
        assertEquals("SiteDistribution", function.path("Environment").path("Variables").path("DISTRIBUTION_ID").asText());
        Map<String, JsonNode> statements = new java.util.HashMap<>();
        function.path("Policies").forEach(policy -> policy.path("Statement").forEach(s -> statements.put(s.path("Sid").asText(), s)));
        assertEquals("cloudfront:CreateInvalidation", statements.get("InvalidateTakenDownPages").path("Action").asText());
        assertEquals("arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${SiteDistribution}",
                statements.get("InvalidateTakenDownPages").path("Resource").asText());
    }

    /** Least privilege for embargoes: the function sets schedules only in its group, and they can invoke only its alias. */
    @Test
    void articleSchedulesInvokeOnlyThePublishFunctionsAliasThroughTheirOwnRole() {
        Map<String, JsonNode> declared = FunctionEnvironment.declared(template, "PublishFunction");
        String target = declared.get("SCHEDULE_TARGET_ARN").asText();
        assertEquals("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:"
                + function.path("FunctionName").asText() + ":" + template.root().path("Globals").path("Function")
                .path("AutoPublishAlias").asText(), target, "the schedules invoke the function's alias, by the name the template gives it");
        assertEquals("ArticleSchedules", declared.get("SCHEDULE_GROUP").asText());
        assertEquals("ScheduledPublishRole.Arn", declared.get("SCHEDULE_ROLE_ARN").asText());
        assertEquals("ScheduledPublishFailures.Arn", declared.get("SCHEDULE_DEAD_LETTER_ARN").asText());

        JsonNode role = template.resource("ScheduledPublishRole").path("Properties");
        JsonNode trust = role.path("AssumeRolePolicyDocument").path("Statement").get(0);
        assertEquals("scheduler.amazonaws.com", trust.path("Principal").path("Service").asText());
        assertTrue(trust.path("Condition").path("StringEquals").has("aws:SourceAccount"), "no other account's schedule may use it");
        List<String> granted = new ArrayList<>();
        role.path("Policies").forEach(policy -> policy.path("PolicyDocument").path("Statement").forEach(statement ->
                granted.add(statement.path("Action").asText() + " " + statement.path("Resource").asText())));
        assertEquals(List.of("lambda:InvokeFunction " + target, "sqs:SendMessage ScheduledPublishFailures.Arn"), granted);

        Map<String, JsonNode> statements = new java.util.HashMap<>();
        function.path("Policies").forEach(policy -> policy.path("Statement").forEach(s -> statements.put(s.path("Sid").asText(), s)));
        assertEquals("arn:${AWS::Partition}:scheduler:${AWS::Region}:${AWS::AccountId}:schedule/${ArticleSchedules}/*",
                statements.get("ScheduleArticlesTimes").path("Resource").asText());
        assertEquals("scheduler.amazonaws.com", statements.get("LetTheSchedulesInvokeThisFunction").path("Condition")
                .path("StringEquals").path("iam:PassedToService").asText());
        assertEquals("ScheduledPublishRole.Arn", statements.get("LetTheSchedulesInvokeThisFunction").path("Resource").asText());
    }

    @Test
    void triggersNeverMatchWhatTheFunctionWrites_H2() {
        Map<String, JsonNode> declared = FunctionEnvironment.declared(template, "PublishFunction");
        String articles = declared.get("ARTICLE_PREFIX").asText();
        String pages = declared.get("PAGE_PREFIX").asText();
        String assets = declared.get("ASSET_PREFIX").asText();
        String reports = declared.get("REPORT_PREFIX").asText();
        List<String> prefixes = new ArrayList<>();
        function.path("Events").forEach(event -> {
            assertEquals("S3", event.path("Type").asText());
            assertEquals("SourceBucket", event.path("Properties").path("Bucket").asText());
            event.path("Properties").path("Filter").path("S3Key").path("Rules").forEach(rule -> {
                if (rule.path("Name").asText().equals("prefix")) {
                    prefixes.add(rule.path("Value").asText());
                }
            });
        });
        assertEquals(List.of(articles, articles, pages, assets, SiteSettings.KEY), prefixes);
        assertFalse(reports.startsWith(articles) || reports.startsWith(pages) || reports.startsWith(assets)
                || reports.startsWith(SiteSettings.KEY));
        assertEquals("SiteBucket", declared.get("SITE_BUCKET").asText(), "pages go to another bucket");
        assertTrue(template.resource("SiteBucket").path("Properties").path("NotificationConfiguration").isMissingNode());
    }

    @Test
    void policiesAreLeastPrivilege_H1() {
        assertEquals(List.of(), TemplateContract.broadPolicies(template, "PublishFunction"));
        assertFalse(function.path("Policies").toString().contains("dynamodb:Scan"));
        for (JsonNode statement : function.path("Policies").get(0).path("Statement")) {
            assertEquals("Allow", statement.path("Effect").asText());
            assertTrue(statement.has("Resource"));
            // Articles and uploads are never removed; only an old address is removed, and the only other queries are of
            // published articles, of an article's translations and of its approved comments.
            String actions = statement.path("Action").toString();
            String resources = statement.path("Resource").toString();
            if (actions.contains("dynamodb:DeleteItem")) {
                assertTrue(resources.contains("RedirectsTable") && !resources.matches(".*(Articles|Uploads|Index)Table.*"), statement::toString);
            }
            if (actions.contains("dynamodb:Query")) {
                assertTrue(resources.contains("RedirectsTable.Arn}/index/byTarget") || resources.contains("ArticlesTable.Arn}/index/latest")
                        || resources.contains("ArticlesTable.Arn}/index/translations")
                        || resources.equals("[\"CommentsTable.Arn\"]") || resources.equals("\"CommentsTable.Arn\""), statement::toString);
                assertFalse(resources.matches(".*(Uploads|Index)Table.*"), statement::toString);
            }
        }
    }

    @Test
    void siteBucketIsReadableOnlyThroughTheDistribution_H3() {
        JsonNode bucket = template.resource("SiteBucket").path("Properties");
        bucket.path("PublicAccessBlockConfiguration").forEach(flag -> assertTrue(flag.asBoolean()));
        assertEquals(4, bucket.path("PublicAccessBlockConfiguration").size());
        assertEquals("BucketOwnerEnforced", bucket.path("OwnershipControls").path("Rules").get(0).path("ObjectOwnership").asText());
        for (JsonNode statement : template.resource("SiteBucketPolicy").path("Properties").path("PolicyDocument").path("Statement")) {
            assertEquals("cloudfront.amazonaws.com", statement.path("Principal").path("Service").asText());
            assertTrue(statement.path("Condition").path("StringEquals").path("AWS:SourceArn").asText().contains("${SiteDistribution}"));
        }
        JsonNode origin = template.resource("SiteDistribution").path("Properties").path("DistributionConfig").path("Origins").get(0);
        assertEquals("SiteOriginAccessControl.Id", origin.path("OriginAccessControlId").asText());
    }

    @Test
    void failedEventsAreRetriedThenKept_H4() {
        JsonNode config = template.resource("PublishFunctionInvokeConfig").path("Properties");
        assertEquals("PublishFunction", config.path("FunctionName").asText());
        assertTrue(config.path("MaximumRetryAttempts").asInt() <= 2);
        assertTrue(config.path("MaximumEventAgeInSeconds").asInt() > 0);
        assertEquals("PublishFailures.Arn", config.path("DestinationConfig").path("OnFailure").path("Destination").asText());
    }

    @Test
    void outputsNameWhatAnOperatorNeeds() {
        Set<String> outputs = new java.util.TreeSet<>();
        template.root().path("Outputs").fieldNames().forEachRemaining(outputs::add);
        assertTrue(outputs.containsAll(Set.of("CdnUrl", "SourceBucketName", "SiteBucketName", "UploadCommand")), outputs::toString);
        Matcher sub = Pattern.compile("s3://\\$\\{SourceBucket}/articles/").matcher(
                template.root().path("Outputs").path("UploadCommand").path("Value").asText());
        assertTrue(sub.find());
    }
}
