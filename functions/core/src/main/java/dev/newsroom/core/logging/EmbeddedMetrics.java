package dev.newsroom.core.logging;

import dev.newsroom.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics as CloudWatch's embedded metric format: one JSON line on standard output, which CloudWatch
 * Logs turns into metrics. It needs no SDK call and no {@code cloudwatch:PutMetricData}, and costs a
 * function nothing on its path.
 */
public final class EmbeddedMetrics {

    /** The namespace of every metric of ours; template.yaml's alarms name it. */
    public static final String NAMESPACE = "Newsroom";

    /** A value and its CloudWatch unit ({@code Count}, {@code Seconds}, {@code None} and so on). */
    public record Value(double value, String unit) {
    }

    private EmbeddedMetrics() {
    }

    /** The line that records {@code values} at {@code at}, under one set of {@code dimensions}. */
    public static String line(Map<String, String> dimensions, Map<String, Value> values, Instant at) {
        Map<String, Object> line = new LinkedHashMap<>();
        List<Map<String, String>> metrics = new ArrayList<>();
        values.forEach((name, value) -> metrics.add(Map.of("Name", name, "Unit", value.unit())));
        line.put("_aws", Map.of("Timestamp", at.toEpochMilli(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", NAMESPACE, "Dimensions", List.of(List.copyOf(dimensions.keySet())), "Metrics", metrics))));
        line.putAll(dimensions);
        values.forEach((name, value) -> line.put(name, value.value()));
        return Json.write(line);
    }
}
