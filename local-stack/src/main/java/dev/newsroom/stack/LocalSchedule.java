package dev.newsroom.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.testkit.CloudFormationTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge Scheduler schedule of a function in {@code template.yaml} (a {@code ScheduleV2}
 * event), run locally at its rate with its input, as the scheduler invokes the function. Only
 * {@code rate(...)} expressions are run here; a template with another kind is refused at start.
 */
record LocalSchedule(String functionId, String eventId, Duration rate, String input) {

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

    static List<LocalSchedule> fromTemplate(CloudFormationTemplate template) {
        List<LocalSchedule> schedules = new ArrayList<>();
        template.resources("AWS::Serverless::Function").forEach((functionId, function) ->
                function.path("Properties").path("Events").fields().forEachRemaining(event -> {
                    if ("ScheduleV2".equals(event.getValue().path("Type").asText())) {
                        JsonNode p = event.getValue().path("Properties");
                        schedules.add(new LocalSchedule(functionId, event.getKey(),
                                rate(functionId + "'s " + event.getKey(), p.path("ScheduleExpression").asText()), p.path("Input").asText("{}")));
                    }
                }));
        return schedules;
    }

    /** The rate of a {@code rate(N unit)} expression, as EventBridge Scheduler writes it. */
    static Duration rate(String schedule, String expression) {
        Matcher m = RATE.matcher(expression);
        if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
            throw new IllegalStateException(schedule + ": " + expression + " is not run locally; only rate(N minutes|hours|days) is");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** Invokes the function at every rate's end, from now on; a failed run is logged and the next one runs anyway. */
    void start(Map<String, LocalFunction> functions, ScheduledExecutorService executor) {
        LocalFunction function = functions.get(functionId);
        executor.scheduleAtFixedRate(() -> fire(function), rate.toMillis(), rate.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One run, as the scheduler's. */
    String fire(LocalFunction function) {
        try {
            return function.invoke(input);
        } catch (RuntimeException e) {
            System.err.printf("newsroom: %s's schedule %s failed: %s%n", functionId, eventId, e);
            return "";
        }
    }
}
