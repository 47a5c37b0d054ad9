package dev.newsroom.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.stack.bench.BenchmarkReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Warm latency per event (issue 6), p50 and p99: each function's handler, built once as the local
 * stack builds it, handles events through Lambda's serialiser after a warm-up, against DynamoDB
 * Local, S3Proxy and the local siteverify server: a new 895-word article's upload (publish), a
 * comment POST with a fresh captcha token from its own client (comments), and a new article's
 * stream batch (relate). Setup, such as uploading the article, is outside the timing.
 *
 * <p>Usage: {@code WarmLatencyBenchmark [EVENTS]} (default 300, after 100 to warm up).
 */
public final class WarmLatencyBenchmark {

    private static final int WARM_UP = 100;

    private WarmLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchStack.runThenExit(() -> run(args.length > 0 ? Integer.parseInt(args[0]) : 300));
    }

    private static Void run(int events) throws Exception {
        byte[] article = BenchStack.resource("/bench/article-800.md");
        try (BenchStack stack = BenchStack.start()) {
            String source = stack.names.get("SourceBucket");
            IntFunction<JsonNode> upload = i -> SampleEvents.upload(stack.aws.s3(), source, "articles/warm-" + i + ".md", article);
            // The comments go to the first article publish wrote, each from its own client.
            IntFunction<JsonNode> comment = i -> SampleEvents.postComment("warm-0", BenchStack.SITE,
                    "198.51." + i / 250 + "." + (i % 250 + 1),
                    StackJson.mapper().createObjectNode().put("name", "Reader " + i).put("body", "Warm comment number " + i + ".")
                            .put("captchaToken", "test-pass:" + i).toString());
            IntFunction<JsonNode> stream = i -> SampleEvents.articlePublished("warm-stream-" + i);
            String table = String.format("| event | p50 | p99 | events |%n|---|---:|---:|---:|%n")
                    + row("publish: an 895-word article's upload", time(stack.functions.get("PublishFunction"), upload, events))
                    + row("comments: a POST, captcha checked", time(stack.functions.get("CommentsFunction"), comment, events))
                    + row("relate: a new article's stream batch", time(stack.functions.get("RelateFunction"), stream, events));
            BenchmarkReport.publish("warm-latency", WarmLatencyBenchmark.class, table);
        }
        return null;
    }

    /** Milliseconds per event after the warm-up, sorted; events are made before each is timed. */
    private static List<Double> time(LocalFunction function, IntFunction<JsonNode> events, int count) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < WARM_UP + count; i++) {
            String event = events.apply(i).toString();
            long start = System.nanoTime();
            String response = function.invoke(event);
            double ms = (System.nanoTime() - start) / 1e6;
            if (response != null && (response.matches("(?s).*\"statusCode\":[45].*") || response.contains("itemIdentifier"))) {
                throw new IllegalStateException(function.id() + " answered " + response);
            }
            if (i >= WARM_UP) {
                times.add(ms);
            }
        }
        return times.stream().sorted().toList();
    }

    private static String row(String event, List<Double> sorted) {
        return String.format("| %s | %.1f ms | %.1f ms | %d |%n", event, percentile(sorted, 50), percentile(sorted, 99), sorted.size());
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
