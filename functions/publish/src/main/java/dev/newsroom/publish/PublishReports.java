package dev.newsroom.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.core.article.Problem;
import dev.newsroom.core.json.Json;
import dev.newsroom.core.store.SourceBucket;
import java.time.Instant;
import java.util.List;

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
        ObjectNode report = Json.mapper().createObjectNode();
        report.put("sourceKey", sourceKey);
        report.put("outcome", "rejected");
        report.put("at", at.toString());
        report.put("help", "Nothing was published from this upload; the page, if any, still shows the last good"
                + " version. Fix the problems below and upload the file again.");
        var list = report.putArray("problems");
        problems.forEach(p -> list.addObject().put("field", p.field()).put("message", p.message()));
        try {
            source.writeJson(bucket, keyFor(sourceKey), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    void clear(String bucket, String sourceKey) {
        source.delete(bucket, keyFor(sourceKey));
    }
}
