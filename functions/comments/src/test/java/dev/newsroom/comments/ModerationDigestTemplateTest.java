package dev.newsroom.comments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.logging.EmbeddedMetrics;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.FunctionEnvironment;
import dev.newsroom.testkit.TemplateContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** template.yaml's moderation topic, its email subscription, the digest's schedules and the alarm agree with the code. */
class ModerationDigestTemplateTest {

    private final CloudFormationTemplate template = CloudFormationTemplate.ofRepository();
    private final JsonNode function = template.resource("ModerationDigestFunction").path("Properties");

    ModerationDigestTemplateTest() throws Exception {
    }

    @Test
    void handlerAndCodeUriNameThisModule_H9() throws Exception {
        assertEquals(List.of(), TemplateContract.handlerProblems(template, "ModerationDigestFunction", "comments"));
        assertEquals(ModerationDigestHandler.class.getName() + "::handleRequest", function.path("Handler").asText());
    }

    @Test
    void everyVariableTheCodeReadsIsSet_H8() {
        assertEquals(List.of(), TemplateContract.unsetVariables(template, "ModerationDigestFunction",
                Map.of("CDN_URL", "https://d111111abcdef8.cloudfront.net", "MODERATION_TOPIC_ARN", "arn:aws:sns:us-east-1:1:t",
                        "STACK_NAME", "newsroom"), env -> {
                    Env recording = new Env(env);
                    DigestConfig.from(recording);
                    new dev.newsroom.core.aws.AwsClients(recording);
                    return recording.read();
                }));
    }

    /** It reads the pending queue and publishes to its topic: nothing else, and nothing broad. */
    @Test
    void readsOnlyThePendingQueueAndPublishesOnlyToItsTopic_H1() {
        assertEquals(List.of(), TemplateContract.broadPolicies(template, "ModerationDigestFunction"));
        String policies = function.path("Policies").toString();
        assertTrue(policies.contains("\"dynamodb:Query\"") && policies.contains("/index/moderation"), policies);
        assertTrue(policies.contains("\"sns:Publish\"") && policies.contains("ModerationTopic"), policies);
        assertTrue(!policies.contains("s3:") && !policies.contains("PutItem") && !policies.contains("UpdateItem"), policies);
    }

    /** Measured every five minutes for the alarm; the digest at the rate the code counts "new" by. */
    @Test
    void theSchedulesMeasureAndSendAtTheRateTheDigestCountsBy() throws Exception {
        JsonNode events = function.path("Events");
        assertEquals("ScheduleV2", events.path("MeasurePendingWait").path("Type").asText());
        assertEquals("rate(5 minutes)", events.path("MeasurePendingWait").path("Properties").path("ScheduleExpression").asText());
        assertEquals("{\"task\": \"measure\"}", events.path("MeasurePendingWait").path("Properties").path("Input").asText());
        JsonNode digest = events.path("SendDigest").path("Properties");
        String every = FunctionEnvironment.declared(template, "ModerationDigestFunction").get("DIGEST_EVERY_MINUTES").asText();
        assertEquals("rate(" + every + " minutes)", digest.path("ScheduleExpression").asText());
        assertEquals("{\"task\": \"digest\"}", digest.path("Input").asText());
        assertEquals(dev.newsroom.testkit.SampleEvents.digest().toString(), dev.newsroom.testkit.LocalJson.mapper().readTree(digest.path("Input").asText()).toString(),
                "events/schedule-digest.json is what the schedule sends");
        assertEquals("SQS", digest.path("DeadLetterConfig").path("Type").asText(), "a digest that could not be delivered is kept");
    }

    @Test
    void moderatorsEmailIsAParameterAndSubscribesOnlyWhenGiven() {
        JsonNode subscription = template.resource("ModeratorEmailSubscription");
        assertEquals("HasModeratorEmail", subscription.path("Condition").asText());
        assertEquals("email", subscription.path("Properties").path("Protocol").asText());
        assertEquals("ModeratorEmail", subscription.path("Properties").path("Endpoint").asText());
        assertEquals("ModerationTopic", subscription.path("Properties").path("TopicArn").asText());
        assertEquals("", template.root().path("Parameters").path("ModeratorEmail").path("Default").asText("missing"));
    }

    /** The alarm watches the metric the function writes, under the same namespace and dimension, and tells moderators and the alarm topic. */
    @Test
    void theAlarmWatchesTheOldestWaitAndTellsTheTopic() {
        JsonNode alarm = template.resource("PendingCommentsAlarm").path("Properties");
        assertEquals(EmbeddedMetrics.NAMESPACE, alarm.path("Namespace").asText());
        assertEquals(ModerationDigestHandler.OLDEST_WAIT, alarm.path("MetricName").asText());
        assertEquals("Stack", alarm.path("Dimensions").get(0).path("Name").asText());
        assertEquals("AWS::StackName", alarm.path("Dimensions").get(0).path("Value").asText());
        assertEquals("STACK_NAME", FunctionEnvironment.declared(template, "ModerationDigestFunction").entrySet().stream()
                .filter(e -> e.getValue().asText().equals("AWS::StackName")).map(Map.Entry::getKey).findFirst().orElse(""));
        assertEquals("PendingAlarmMinutes", alarm.path("Threshold").asText());
        assertEquals("GreaterThanThreshold", alarm.path("ComparisonOperator").asText());
        assertEquals(300, alarm.path("Period").asInt(), "the measuring schedule's rate");
        assertEquals("[\"ModerationTopic\",\"AlarmTopic\"]", alarm.path("AlarmActions").toString());
        assertEquals("[\"ModerationTopic\",\"AlarmTopic\"]", alarm.path("OKActions").toString());
    }
}
