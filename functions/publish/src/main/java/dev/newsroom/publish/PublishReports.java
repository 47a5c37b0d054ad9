package dev.newsroom.publish;

import dev.newsroom.core.article.Problem;
import dev.newsroom.core.json.Json;
import dev.newsroom.core.store.SourceBucket;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rejection reports: {@code <report prefix><upload key>.json} in the source bucket, beside where the
 * editor uploaded, saying exactly what to fix. Removed once the file publishes.
 */
final class PublishReports {

    private final SourceBucket source;
    private final String reportPrefix;

    PublishReports(SourceBucket source, String reportPrefix) {
        this.source = source;
        this.reportPrefix = reportPrefix;
    }

    String keyFor(String sourceKey) {
        return reportPrefix + sourceKey + ".json";
    }

    void write(String bucket, String sourceKey, List<Problem> problems, Instant at) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("sourceKey", sourceKey);
        report.put("outcome", "rejected");
        report.put("at", at.toString());
        report.put("help", "Nothing was published from this upload; the page, if any, still shows the last good"
                + " version. Fix the problems below and upload the file again.");
        report.put("problems", problems.stream().map(p -> {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("field", p.field());
            problem.put("message", p.message());
            return problem;
        }).toList());
        source.writeJson(bucket, keyFor(sourceKey), Json.writeIndented(report));
    }

    void clear(String bucket, String sourceKey) {
        source.delete(bucket, keyFor(sourceKey));
    }
}
