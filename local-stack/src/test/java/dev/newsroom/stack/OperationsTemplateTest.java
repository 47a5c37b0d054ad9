package dev.newsroom.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.comments.CommentsHandler;
import dev.newsroom.comments.ModerationDigestHandler;
import dev.newsroom.core.logging.EmbeddedMetrics;
import dev.newsroom.publish.Publisher;
import dev.newsroom.relate.RelateHandler;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.LocalJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What an operator is told, as the template wires it: every failure queue, every function's errors
 * and throttles and every stream consumer's lag raise an alarm on the one alarm topic; the dashboard
 * shows every metric the functions record; every function is traced.
 */
class OperationsTemplateTest {

    private final CloudFormationTemplate template = CloudFormationTemplate.ofRepository();

    OperationsTemplateTest() throws Exception {
    }

    /** Each alarm's namespace, metric and the resource its dimension names, as "namespace metric resource". */
    private Set<String> alarmed() {
        Set<String> alarmed = new TreeSet<>();
        template.resources("AWS::CloudWatch::Alarm").values().forEach(alarm -> {
            JsonNode p = alarm.path("Properties");
            String resource = p.path("Dimensions").get(0).path("Value").asText().replace(".QueueName", "");
            alarmed.add(p.path("Namespace").asText() + " " + p.path("MetricName").asText() + " " + resource);
        });
        return alarmed;
    }

    @Test
    void everyFailureQueueEveryFunctionAndEveryStreamConsumerHasItsAlarm() {
        Set<String> alarmed = alarmed();
        List<String> missing = new ArrayList<>();
        template.resources("AWS::SQS::Queue").keySet().forEach(queue -> {
            if (!alarmed.contains("AWS/SQS ApproximateNumberOfMessagesVisible " + queue)) {
                missing.add(queue + " has no alarm on its messages");
            }
        });
        template.resources("AWS::Serverless::Function").forEach((function, resource) -> {
            for (String metric : List.of("Errors", "Throttles")) {
                if (!alarmed.contains("AWS/Lambda " + metric + " " + function)) {
                    missing.add(function + " has no alarm on its " + metric);
                }
            }
            boolean readsAStream = false;
            for (JsonNode event : resource.path("Properties").path("Events")) {
                readsAStream |= event.path("Type").asText().equals("DynamoDB");
            }
            if (readsAStream && !alarmed.contains("AWS/Lambda IteratorAge " + function)) {
                missing.add(function + " reads a stream and has no alarm on its iterator age");
            }
        });
        assertEquals(List.of(), missing);
        assertTrue(alarmed.contains("Newsroom OldestPendingCommentMinutes AWS::StackName"), "the moderation queue's own alarm stays");
    }

    @Test
    void everyAlarmGoesToTheOneAlarmTopicAndSaysWhenItRecovers() {
        template.resources("AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            JsonNode p = alarm.path("Properties");
            assertTrue(p.path("AlarmActions").toString().contains("\"AlarmTopic\""), id + " goes to AlarmTopic");
            assertTrue(p.path("OKActions").toString().contains("\"AlarmTopic\""), id + " says when it recovers");
            assertTrue(p.path("AlarmDescription").asText().length() > 20, id + " tells the operator what it means");
        });
        JsonNode subscription = template.resource("AlarmEmailSubscription");
        assertEquals("HasAlarmEmail", subscription.path("Condition").asText());
        assertEquals("AlarmEmail", subscription.path("Properties").path("Endpoint").asText());
        assertEquals("AlarmTopic", subscription.path("Properties").path("TopicArn").asText());
    }

    @Test
    void theDashboardShowsEveryMetricTheFunctionsRecord() throws Exception {
        JsonNode body = LocalJson.mapper().readTree(template.resource("OperationsDashboard").path("Properties").path("DashboardBody").asText());
        Set<String> shown = new TreeSet<>();
        for (JsonNode widget : body.path("widgets")) {
            for (JsonNode metric : widget.path("properties").path("metrics")) {
                if (metric.get(0).asText().equals(EmbeddedMetrics.NAMESPACE)) {
                    shown.add(metric.get(1).asText());
                    assertEquals(EmbeddedMetrics.STACK, metric.get(2).asText(), "the functions' one dimension");
                    assertEquals("${AWS::StackName}", metric.get(3).asText());
                }
            }
        }
        Set<String> recorded = new TreeSet<>(List.of(CommentsHandler.POSTED, CommentsHandler.HELD, CommentsHandler.REJECTED,
                ModerationDigestHandler.OLDEST_WAIT, ModerationDigestHandler.WAITING, RelateHandler.RECORDS, RelateHandler.PAGES,
                RelateHandler.LAG));
        Arrays.stream(Publisher.Counted.values()).filter(c -> c != Publisher.Counted.NOTHING).forEach(c -> recorded.add(c.metric()));
        assertEquals(recorded, shown);
    }

    @Test
    void everyFunctionIsTracedAndNamesItsStackForItsMetrics() {
        JsonNode globals = template.root().path("Globals").path("Function");
        assertEquals("Active", globals.path("Tracing").asText());
        assertEquals("AWS::StackName", globals.path("Environment").path("Variables").path("STACK_NAME").asText());
        template.resources("AWS::Serverless::Function").forEach((id, function) -> {
            assertTrue(function.path("Properties").path("Tracing").isMissingNode(), id + " keeps the global tracing");
            assertTrue(function.path("Properties").path("Environment").path("Variables").path("STACK_NAME").isMissingNode(),
                    id + " takes STACK_NAME from Globals");
        });
    }
}
