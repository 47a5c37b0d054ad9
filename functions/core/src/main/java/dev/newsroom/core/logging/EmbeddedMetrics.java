package dev.newsroom.core.logging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics in CloudWatch's embedded metric format: a log line that carries them, under {@link
 * #FIELD}, becomes metrics when CloudWatch Logs takes it in. It needs no SDK call and no {@code
 * cloudwatch:PutMetricData}, and costs a function nothing on its path. {@link #record} writes the
 * line with the invocation's fields, the directive, the stack's name as the one dimension, and the
 * values, whatever the log level, since alarms watch them; locally the same line is in {@code
 * ./newsroom up}'s output.
 */
public final class EmbeddedMetrics {

    /** The namespace of every metric of ours; template.yaml's alarms and dashboard name it. */
    public static final String NAMESPACE = "Newsroom";
    /** The field of a metric line's directive, and the key a {@link Metrics} value is logged under. */
    public static final String FIELD = "_aws";
    /** The one dimension: the stack, so that stacks in one account keep their metrics apart. */
    public static final String STACK = "Stack";

    /** A value and its CloudWatch unit ({@code Count}, {@code Seconds}, {@code None} and so on). */
    public record Value(double value, String unit) {

        public static Value count(long count) {
            return new Value(count, "Count");
        }

        public static Value seconds(double seconds) {
            return new Value(seconds, "Seconds");
        }
    }

    /** The values a log line records, by metric name. */
    public record Metrics(Map<String, Value> values) {

        public Metrics {
            values = Map.copyOf(new LinkedHashMap<>(values));
        }

        public static Metrics of(String name, Value value) {
            return new Metrics(Map.of(name, value));
        }
    }

    private EmbeddedMetrics() {
    }

    /** Writes a metric line of {@code metrics}, which {@code what} names for a reader of the log. */
    public static void record(String what, Metrics metrics) {
        JsonLinesLogger.write(org.slf4j.event.Level.INFO, "dev.newsroom.metrics", what,
                List.of(new org.slf4j.event.KeyValuePair(FIELD, metrics)), null);
    }

    /** Adds the directive for {@code metrics} at {@code at}, the stack's dimension and the values to a log line's fields. */
    static void put(Map<String, Object> line, String stack, Metrics metrics, Instant at) {
        List<Map<String, String>> definitions = new ArrayList<>();
        metrics.values().forEach((name, value) -> definitions.add(Map.of("Name", name, "Unit", value.unit())));
        line.put(FIELD, Map.of("Timestamp", at.toEpochMilli(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", NAMESPACE, "Dimensions", List.of(List.of(STACK)), "Metrics", definitions))));
        line.put(STACK, stack);
        metrics.values().forEach((name, value) -> line.put(name, value.value()));
    }
}
