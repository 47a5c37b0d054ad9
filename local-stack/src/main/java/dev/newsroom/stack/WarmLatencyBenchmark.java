package dev.newsroom.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.core.json.Json;
import dev.newsroom.local.CloudFormationTemplate;
import dev.newsroom.local.LocalAws;
import dev.newsroom.local.SiteverifyServer;
import dev.newsroom.local.TemplateResources;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import software.amazon.awssdk.core.sync.RequestBody;

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
    private static final String SITE = "http://127.0.0.1:3000";

    private WarmLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int code = 1;
        try {
            run(args.length > 0 ? Integer.parseInt(args[0]) : 300);
            code = 0;
        } finally {
            // DynamoDB Local leaves non-daemon threads behind that would hold the JVM for minutes.
            System.exit(code);
        }
    }

    private static void run(int events) throws Exception {
        CloudFormationTemplate cfn = CloudFormationTemplate.ofRepository();
        Path work = Files.createTempDirectory("newsroom-warm");
        byte[] article;
        try (InputStream in = WarmLatencyBenchmark.class.getResourceAsStream("/bench/article-800.md")) {
            article = in.readAllBytes();
        }
        try (LocalAws aws = LocalAws.start(Optional.empty())) {
            Map<String, String> names = new TemplateResources(cfn).create(aws);
            Path secrets = Files.createDirectories(work.resolve("secrets"));
            var functions = LocalNewsroom.functions(cfn, names, aws, URI.create(SITE),
                    new SiteverifyServer(LocalNewsroom.secret(secrets, "CAPTCHA_SECRET"), "127.0.0.1"), secrets, Map.of());
            String source = names.get("SourceBucket");
            IntFunction<JsonNode> upload = i -> {
                String key = "articles/warm-" + i + ".md";
                String eTag = aws.s3().putObject(r -> r.bucket(source).key(key), RequestBody.fromBytes(article)).eTag().replace("\"", "");
                return SampleEvents.upload(source, key, eTag, article.length);
            };
            // The comments go to the first article publish wrote.
            IntFunction<JsonNode> comment = i -> SampleEvents.postComment("warm-0", SITE, "198.51." + i / 250 + "." + (i % 250 + 1),
                    Json.mapper().createObjectNode().put("name", "Reader " + i).put("body", "Warm comment number " + i + ".")
                            .put("captchaToken", "test-pass:" + i).toString());
            IntFunction<JsonNode> stream = i -> SampleEvents.articlePublished("warm-stream-" + i);
            System.out.printf("| event | p50 | p99 | events |%n|---|---:|---:|---:|%n");
            print("publish: an 895-word article's upload", time(functions.get("PublishFunction"), upload, events));
            print("comments: a POST, captcha checked", time(functions.get("CommentsFunction"), comment, events));
            print("relate: a new article's stream batch", time(functions.get("RelateFunction"), stream, events));
        }
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

    private static void print(String event, List<Double> sorted) {
        System.out.printf("| %s | %.1f ms | %.1f ms | %d |%n", event, percentile(sorted, 50), percentile(sorted, 99), sorted.size());
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
