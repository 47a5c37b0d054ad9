package dev.newsroom.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.stack.bench.BenchmarkReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each function's cold start against its floor, in the same run (issue 6): a fresh JVM with
 * Lambda's flags and the function's deployable jar builds the handler and handles one real-shaped
 * event ({@link FirstInvoke}); another builds the same SDK clients and makes one call of each kind
 * ({@link ColdStartFloor}). Runs alternate, against DynamoDB Local and S3Proxy in this JVM.
 *
 * <p>Usage: {@code ColdStartBenchmark [RUNS]}; prints a Markdown table and writes it into {@code docs/benchmarks.md}.
 */
public final class ColdStartBenchmark {

    private record Sample(double functionMs, double floorMs, double functionWallMs, double floorWallMs) {
    }

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchStack.runThenExit(() -> run(args.length > 0 ? Integer.parseInt(args[0]) : 5));
    }

    private static Void run(int runs) throws Exception {
        byte[] article = BenchStack.resource("/seed/harbour-bridge-reopens.md");
        try (BenchStack stack = BenchStack.start()) {
            String table = stack.names.get("ArticlesTable");
            String source = stack.names.get("SourceBucket");
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            for (int run = 1; run <= runs; run++) {
                // A new article each run, so every run does the whole job rather than finding it done.
                String slug = "cold-start-" + run;
                String key = "articles/" + slug + ".md";
                JsonNode upload = SampleEvents.upload(stack.aws.s3(), source, key, article);
                measure(samples, stack, "PublishFunction", upload, table, source, key);
                measure(samples, stack, "CommentsFunction", SampleEvents.listComments(slug), table);
                measure(samples, stack, "RelateFunction", SampleEvents.articlePublished(slug), table, source, key);
                System.err.printf("run %d of %d done%n", run, runs);
            }
            print(samples, runs);
        }
        return null;
    }

    private static void measure(Map<String, List<Sample>> samples, BenchStack stack, String id, JsonNode event,
                                String... floorCalls) throws Exception {
        LocalFunction function = stack.functions.get(id);
        Path jar = FreshJvm.deployableJar(stack.template, id);
        Path eventFile = Files.writeString(Files.createTempFile(stack.work, id, ".json"), event.toString());
        FreshJvm.Run handled = FreshJvm.run(jar, function.environment(), stack.work, FirstInvoke.class, function.handlerClass(),
                eventFile.toString());
        FreshJvm.Run floor = FreshJvm.run(jar, function.environment(), stack.work, ColdStartFloor.class, floorCalls);
        samples.computeIfAbsent(id, k -> new ArrayList<>()).add(new Sample(handled.initMs() + handled.invokeMs(),
                floor.initMs() + floor.invokeMs(), handled.wallMs(), floor.wallMs()));
    }

    private static void print(Map<String, List<Sample>> samples, int runs) throws IOException {
        StringBuilder table = new StringBuilder("""
                | function | init + first event | floor: clients + one call each | ratio | JVM wall, function / floor |
                |---|---:|---:|---:|---:|
                """);
        samples.forEach((id, list) -> {
            double function = median(list.stream().map(Sample::functionMs).toList());
            double floor = median(list.stream().map(Sample::floorMs).toList());
            table.append(String.format("| %s | %,.0f ms | %,.0f ms | %.2f× | %,.0f / %,.0f ms |%n", id, function, floor, function / floor,
                    median(list.stream().map(Sample::functionWallMs).toList()), median(list.stream().map(Sample::floorWallMs).toList())));
        });
        table.append(String.format("%nMedians of %d runs each, alternating function and floor.%n", runs));
        BenchmarkReport.publish("cold-start", ColdStartBenchmark.class, table.toString());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
