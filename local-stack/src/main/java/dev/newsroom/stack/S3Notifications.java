package dev.newsroom.stack;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Delivers S3 event notifications to functions as S3 and Lambda do: asynchronously
 * ({@link AsyncInvocations}), to every function whose event source matches.
 */
final class S3Notifications {

    private final List<NotificationRule> rules;
    private final Map<String, LocalFunction> functions;
    private final AsyncInvocations invocations;
    private final String region;
    private final Clock clock;

    S3Notifications(List<NotificationRule> rules, Map<String, LocalFunction> functions, AsyncInvocations invocations,
                    String region, Clock clock) {
        this.rules = List.copyOf(rules);
        this.functions = Map.copyOf(functions);
        this.invocations = invocations;
        this.region = region;
        this.clock = clock;
    }

    /** Called for every successful write to any bucket; returns at once. */
    void notify(ObjectChange change) {
        for (NotificationRule rule : rules) {
            if (rule.matches(change)) {
                String event = S3EventJson.of(change, rule.configurationId(), region, clock.instant());
                LocalFunction function = functions.get(rule.functionId());
                invocations.invoke(function, event, function.id() + " " + change.eventName() + " " + change.key());
            }
        }
    }
}
