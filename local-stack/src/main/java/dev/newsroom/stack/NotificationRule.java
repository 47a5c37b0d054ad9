package dev.newsroom.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.testkit.CloudFormationTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One S3 event source from {@code template.yaml}: which function hears which events of which
 * bucket, filtered by key prefix and suffix, as S3 matches them (on the decoded key).
 */
record NotificationRule(String functionId, String configurationId, String bucket, List<String> events,
                        String prefix, String suffix) {

    static List<NotificationRule> fromTemplate(CloudFormationTemplate template, Map<String, String> names) {
        List<NotificationRule> rules = new ArrayList<>();
        template.resources("AWS::Serverless::Function").forEach((functionId, function) ->
                function.path("Properties").path("Events").fields().forEachRemaining(event -> {
                    JsonNode properties = event.getValue().path("Properties");
                    if (!"S3".equals(event.getValue().path("Type").asText())) {
                        return;
                    }
                    List<String> events = new ArrayList<>();
                    JsonNode declared = properties.path("Events");
                    if (declared.isArray()) {
                        declared.forEach(e -> events.add(e.asText()));
                    } else {
                        events.add(declared.asText());
                    }
                    String prefix = "";
                    String suffix = "";
                    for (JsonNode rule : properties.path("Filter").path("S3Key").path("Rules")) {
                        if (rule.path("Name").asText().equalsIgnoreCase("prefix")) {
                            prefix = rule.path("Value").asText();
                        } else if (rule.path("Name").asText().equalsIgnoreCase("suffix")) {
                            suffix = rule.path("Value").asText();
                        }
                    }
                    String bucket = names.get(properties.path("Bucket").asText());
                    rules.add(new NotificationRule(functionId, event.getKey(), bucket, List.copyOf(events), prefix, suffix));
                }));
        return rules;
    }

    boolean matches(ObjectChange change) {
        return bucket.equals(change.bucket())
                && change.key().startsWith(prefix) && change.key().endsWith(suffix)
                && events.stream().anyMatch(pattern -> matchesEvent(pattern, change.eventName()));
    }

    /** {@code s3:ObjectCreated:*} covers {@code ObjectCreated:Put}; an exact name covers itself. */
    private static boolean matchesEvent(String pattern, String eventName) {
        String name = "s3:" + eventName;
        return pattern.endsWith(":*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : name.equals(pattern);
    }
}
