package dev.newsroom.bench;

import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.site.ArticlePaths;
import dev.newsroom.testkit.SampleEvents;
import dev.newsroom.testkit.LocalJson;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * Warm latency per event, p50 and p99, with JMH's sample-time mode: each function's
 * handler, built once as the local stack builds it, handles events through Lambda's serialiser
 * against DynamoDB Local, S3Proxy and the local siteverify server: a new 895-word article's upload
 * (publish), a comment POST with a fresh captcha token from its own client (comments), and a new
 * article's stream batch (relate). Each benchmark runs in a fork of its own with Lambda's JVM
 * flags and its own local services; making each event, such as uploading the article, is setup
 * outside the timing.
 *
 * <p>{@code main} runs the three and prints a Markdown table.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Lambda's flags (the template's JAVA_TOOL_OPTIONS, and the serial collector Lambda picks for small
// heaps). DynamoDB Local leaves threads behind, which would hold the fork for JMH's default 30 s.
@Fork(value = 1, jvmArgsAppend = {"-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Djmh.shutdownTimeout=0"})
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 8)
public class WarmLatencyBenchmark {

    private static final String COMMENTED = "warm-commented";

    /** The local services and the functions, once per fork. */
    @State(Scope.Benchmark)
    public static class Services {
        private final byte[] article = BenchStack.resource("/bench/article-800.md");
        BenchStack stack;

        @Setup(Level.Trial)
        public void start() throws Exception {
            stack = BenchStack.start();
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            stack.close();
        }

        String handled(String function, String event) {
            String response = stack.functions.get(function).invoke(event);
            if (response != null && (response.matches("(?s).*\"statusCode\":[45].*") || response.contains("itemIdentifier"))) {
                throw new IllegalStateException(function + " answered " + response);
            }
            return response;
        }

        String upload(String slug) {
            return SampleEvents.upload(stack.services.s3(), stack.names.get("SourceBucket"), "articles/" + slug + ".md",
                    article).toString();
        }
    }

    /** A new article's upload. */
    @State(Scope.Thread)
    public static class Uploads {
        String next;
        private int count;

        @Setup(Level.Invocation)
        public void next(Services services) {
            next = services.upload("warm-" + count++);
        }
    }

    /** A comment POST to a published article, each from its own reader with a fresh captcha token. */
    @State(Scope.Thread)
    public static class CommentPosts {
        String next;
        private int count;

        @Setup(Level.Trial)
        public void publishArticle(Services services) {
            services.handled("PublishFunction", services.upload(COMMENTED));
        }

        @Setup(Level.Invocation)
        public void next() {
            int n = count++;
            next = SampleEvents.postComment(ArticlePaths.token(SiteLayout.articlePath(COMMENTED)), BenchStack.SITE, "198.51." + n / 250 % 250 + "." + (n % 250 + 1),
                    LocalJson.mapper().createObjectNode().put("name", "Reader " + n).put("body", "Warm comment number " + n + ".")
                            .put("captchaToken", "test-pass:" + n).toString()).toString();
        }
    }

    /** The articles table's stream record of a new article. */
    @State(Scope.Thread)
    public static class StreamBatches {
        String next;
        private int count;

        @Setup(Level.Invocation)
        public void next() {
            next = SampleEvents.articlePublished(SiteLayout.articlePath("warm-stream-" + count++)).toString();
        }
    }

    @Benchmark
    public String publish(Services services, Uploads uploads) {
        return services.handled("PublishFunction", uploads.next);
    }

    @Benchmark
    public String commentPost(Services services, CommentPosts posts) {
        return services.handled("CommentsFunction", posts.next);
    }

    @Benchmark
    public String relateBatch(Services services, StreamBatches batches) {
        return services.handled("RelateFunction", batches.next);
    }

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder().include(WarmLatencyBenchmark.class.getName())
                .shouldFailOnError(true).build()).run();
        BenchmarkReport.publish("warm-latency", WarmLatencyBenchmark.class, String.format("| event | p50 | p99 | events |%n|---|---:|---:|---:|%n")
                + row("publish: an 895-word article's upload", results, "publish")
                + row("comments: a POST, captcha checked", results, "commentPost")
                + row("relate: a new article's stream batch", results, "relateBatch"));
    }

    private static String row(String event, Collection<RunResult> results, String benchmark) {
        Statistics times = results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + benchmark)).findFirst()
                .orElseThrow().getPrimaryResult().getStatistics();
        return String.format("| %s | %.1f ms | %.1f ms | %,d |%n", event, times.getPercentile(50), times.getPercentile(99), times.getN());
    }
}
