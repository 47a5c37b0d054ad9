package dev.newsroom.publish;

import dev.newsroom.core.article.Problem;
import dev.newsroom.core.json.Json;
import dev.newsroom.core.store.SourceBucket;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports to editors: {@code <report prefix><upload key>.json} in the source bucket, beside where the
 * editor uploaded. A refused upload's says exactly what to fix; a published one's, what had to be
 * guessed or left out. Removed once the file publishes with nothing to report.
 */
final class PublishReports {

    private static final String REFUSED_HELP = "Nothing was published from this upload; the page, if any, still"
            + " shows the last good version. Fix the problems below and upload the file again.";
    private static final String WARNED_HELP = "This upload is published. Readers see none of the problems below,"
            + " but the page may lack what they name; fix them and upload the file again to publish it whole.";

    private final SourceBucket source;
    private final String reportPrefix;

    PublishReports(SourceBucket source, String reportPrefix) {
        this.source = source;
        this.reportPrefix = reportPrefix;
    }

    String keyFor(String sourceKey) {
        return reportPrefix + sourceKey + ".json";
    }

    void rejected(String bucket, String sourceKey, List<Problem> problems, Instant at) {
        write(bucket, sourceKey, "rejected", REFUSED_HELP, "problems", problems, at);
    }

    /** A published upload's warnings, or no report when it has none. */
    void published(String bucket, String sourceKey, List<Problem> warnings, Instant at) {
        if (warnings.isEmpty()) {
            clear(bucket, sourceKey);
        } else {
            write(bucket, sourceKey, "published with warnings", WARNED_HELP, "warnings", warnings, at);
        }
    }

    void clear(String bucket, String sourceKey) {
        source.delete(bucket, keyFor(sourceKey));
    }

    private void write(String bucket, String sourceKey, String outcome, String help, String listName,
                       List<Problem> problems, Instant at) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("sourceKey", sourceKey);
        report.put("outcome", outcome);
        report.put("at", at.toString());
        report.put("help", help);
        report.put(listName, problems.stream().map(p -> {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("field", p.field());
            problem.put("message", p.message());
            return problem;
        }).toList());
        source.writeJson(bucket, keyFor(sourceKey), Json.writeIndented(report));
    }
}
