package dev.newsroom.bench;

import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.site.ArticlePaths;
import dev.newsroom.stack.LocalFunction;
import dev.newsroom.testkit.SampleEvents;
import dev.newsroom.testkit.FirstInvoke;
import dev.newsroom.testkit.FreshJvm;
import static dev.newsroom.bench.BenchmarkReport.median;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Each function's cold start against its floor, in the same run: a fresh JVM with Lambda's flags
 * and the function's deployable jar builds the handler and handles one real-shaped event, then,
 * as its next (warm) invocation, the same kind of event for another article ({@link FirstInvoke});
 * others build the same SDK clients and make calls ({@link ColdStartFloor}): one call of each
 * operation the function's init and first event make, learnt in an untimed run before
 * ({@link FreshJvm#operations}), and one call per service (a GetItem, and a HeadObject if the
 * function uses S3). One more runs the handler's SnapStart priming before its first event, roughly
 * what a restored instance's first event costs. Runs alternate, against DynamoDB Local and S3Proxy
 * in this JVM.
 *
 * <p>Usage: {@code ColdStartBenchmark [RUNS]}; prints Markdown tables and writes them into {@code docs/benchmarks.md}.
 */
public final class ColdStartBenchmark {

    private static final List<String> FUNCTIONS = List.of("PublishFunction", "CommentsFunction", "RelateFunction");

    private record Sample(double initMs, double firstEventMs, double warmEventMs, double perServiceMs, double perOperationMs,
                          double loggingMs, double primingMs, double primedFirstEventMs) {

        double functionMs() {
            return initMs + firstEventMs;
        }

        /** This run's function against the floor run beside it: how far one pair of JVMs can move the ratio. */
        double ratio() {
            return functionMs() / perOperationMs;
        }

        /** Against the floor plus the same kind of event handled warm: what being cold costs beyond the work itself. */
        double coldPrice() {
            return functionMs() / (perOperationMs + warmEventMs);
        }

        /** The floor of one call per operation, without binding SLF4J to our JSON logger. */
        double perOperationWithoutLoggerMs() {
            return perOperationMs - loggingMs;
        }
    }

    /**
     * A function's first event, the event its instance then handles warm, the calls its floors make, and the first
     * event of a primed run: each for a new article of its own.
     */
    private record Case(String id, JsonNode event, JsonNode warmEvent, List<String> perService, List<String> perOperation,
                        JsonNode primedEvent) {
    }

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchStack.runThenExit(() -> run(args.length > 0 ? Integer.parseInt(args[0]) : 5));
    }

    private static Void run(int runs) throws Exception {
        byte[] article = BenchStack.resource("/seed/harbour-bridge-reopens.md");
        try (BenchStack stack = BenchStack.start()) {
            String source = stack.names.get("SourceBucket");
            Map<String, List<String>> operations = new LinkedHashMap<>();
            Map<String, JsonNode> learning = events(stack, source, article, "cold-start-0");
            for (String id : FUNCTIONS) {
                Path event = eventFile(stack, id, learning.get(id));
                operations.put(id, FreshJvm.operations(FreshJvm.deployableJar(stack.template, id), stack.functions.get(id).environment(),
                        stack.work, FirstInvoke.class, stack.functions.get(id).handlerClass(), event.toString()));
            }
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            for (int run = 1; run <= runs; run++) {
                // A new article each run, so every run does the whole job rather than finding it done.
                Map<String, JsonNode> events = events(stack, source, article, "cold-start-" + run);
                Map<String, JsonNode> warmEvents = events(stack, source, article, "cold-start-" + run + "-warm");
                Map<String, JsonNode> primedEvents = events(stack, source, article, "cold-start-" + run + "-primed");
                for (String id : FUNCTIONS) {
                    List<String> perOperation = operations.get(id);
                    List<String> perService = perOperation.stream().anyMatch(o -> o.startsWith("S3:"))
                            ? List.of("DynamoDb:GetItem", "S3:HeadObject") : List.of("DynamoDb:GetItem");
                    samples.computeIfAbsent(id, k -> new ArrayList<>())
                            .add(measure(stack, new Case(id, events.get(id), warmEvents.get(id), perService, perOperation,
                                    primedEvents.get(id)), source,
                                    "articles/cold-start-" + run + ".md", run % 2 == 1));
                }
                System.err.printf("run %d of %d done%n", run, runs);
            }
            print(samples, operations, runs);
        }
        return null;
    }

    /** Each function's first event for a new article: its upload, a listing of its comments, its stream record. */
    private static Map<String, JsonNode> events(BenchStack stack, String source, byte[] article, String slug) throws Exception {
        return Map.of("PublishFunction", SampleEvents.upload(stack.services.s3(), source, "articles/" + slug + ".md", article),
                "CommentsFunction", SampleEvents.listComments(ArticlePaths.token(SiteLayout.articlePath(slug))),
                "RelateFunction", SampleEvents.articlePublished(SiteLayout.articlePath(slug)));
    }

    private static Path eventFile(BenchStack stack, String id, JsonNode event) throws IOException {
        return Files.writeString(Files.createTempFile(stack.work, id, ".json"), event.toString());
    }

    /**
     * One run of the function and its floors. Which goes first alternates from run to run: each
     * JVM's requests leave the local services work (garbage, SQLite's log) that the next JVM meets.
     */
    private static Sample measure(BenchStack stack, Case measured, String source, String key, boolean functionFirst) throws Exception {
        LocalFunction function = stack.functions.get(measured.id());
        Path jar = FreshJvm.deployableJar(stack.template, measured.id());
        Path eventFile = eventFile(stack, measured.id(), measured.event());
        Path warmEventFile = eventFile(stack, measured.id(), measured.warmEvent());
        Callable<FreshJvm.Run> handle = () -> FreshJvm.run(jar, function.environment(), stack.work, FirstInvoke.class,
                function.handlerClass(), eventFile.toString(), warmEventFile.toString());
        FreshJvm.Run handledFirst = functionFirst ? handle.call() : null;
        FreshJvm.Run perService = floor(stack, function, jar, measured.perService(), source, key);
        FreshJvm.Run perOperation = floor(stack, function, jar, measured.perOperation(), source, key);
        FreshJvm.Run handled = functionFirst ? handledFirst : handle.call();
        FreshJvm.Run primed = FreshJvm.run(jar, function.environment(), stack.work, FirstInvoke.class, "--primed", function.handlerClass(),
                eventFile(stack, measured.id(), measured.primedEvent()).toString());
        return new Sample(handled.initMs(), handled.invokeMs(), handled.warmMs(), perService.initMs() + perService.invokeMs(),
                perOperation.initMs() + perOperation.invokeMs(), perOperation.result().get("loggingMs").asDouble(),
                primed.primeMs(), primed.invokeMs());
    }

    private static FreshJvm.Run floor(BenchStack stack, LocalFunction function, Path jar, List<String> operations, String source, String key)
            throws Exception {
        List<String> args = new ArrayList<>(List.of(stack.names.get("ClientLimitsTable"), source, key, stack.names.get("SiteBucket")));
        args.addAll(operations);
        return FreshJvm.run(jar, function.environment(), stack.work, ColdStartFloor.class, args.toArray(String[]::new));
    }

    private static void print(Map<String, List<Sample>> samples, Map<String, List<String>> operations, int runs) throws IOException {
        StringBuilder table = new StringBuilder("""
                | function | init | first event | init + first event | floor: one call of each operation it makes | ratio | of that floor, binding SLF4J to our JSON logger | ratio to that floor without it | floor: one call per service | ratio |
                |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                """);
        samples.forEach((id, list) -> {
            double function = median(list.stream().map(Sample::functionMs).toList());
            double perOperation = median(list.stream().map(Sample::perOperationMs).toList());
            double perService = median(list.stream().map(Sample::perServiceMs).toList());
            double withoutLogger = median(list.stream().map(Sample::perOperationWithoutLoggerMs).toList());
            table.append(String.format("| %s | %,.0f ms | %,.0f ms | %,.0f ms | %,.0f ms | **%.2f×** | %,.0f ms | %.2f× | %,.0f ms | %.2f× |%n", id,
                    median(list.stream().map(Sample::initMs).toList()), median(list.stream().map(Sample::firstEventMs).toList()),
                    function, perOperation, function / perOperation, median(list.stream().map(Sample::loggingMs).toList()),
                    function / withoutLogger, perService, function / perService));
        });
        table.append(String.format("%nMedians of %d runs each: the function before its floors in odd runs, after them in even ones. The operations each"
                + " function's init and first event made, learnt in an untimed run before:%n%n", runs));
        operations.forEach((id, list) -> table.append("- ").append(id).append(": ").append(String.join(", ", list)).append('\n'));
        table.append("\nEach run's ratio, the function against the floor of its operations run beside it, in run order:\n\n");
        samples.forEach((id, list) -> table.append("- ").append(id).append(": ")
                .append(list.stream().map(sample -> String.format("%.2f×", sample.ratio())).collect(Collectors.joining(", "))).append('\n'));
        table.append("""

                After SnapStart's priming, roughly: a third JVM each run runs the handler's priming hook \
                after init, as Lambda would before the snapshot, then handles the first event of another new article.

                | function | priming | first event after it | first event, cold |
                |---|---:|---:|---:|
                """);
        samples.forEach((id, list) -> table.append(String.format("| %s | %,.0f ms | %,.0f ms | %,.0f ms |%n", id,
                median(list.stream().map(Sample::primingMs).toList()), median(list.stream().map(Sample::primedFirstEventMs).toList()),
                median(list.stream().map(Sample::firstEventMs).toList()))));
        table.append("""

                What being cold costs beyond the work: the function's init and first event against its floor plus \
                the same kind of event (another new article's) handled warm, by the same instance right after.

                | function | init + first event | floor: one call of each operation | the same event, warm | floor + warm | ratio |
                |---|---:|---:|---:|---:|---:|
                """);
        samples.forEach((id, list) -> {
            double function = median(list.stream().map(Sample::functionMs).toList());
            double perOperation = median(list.stream().map(Sample::perOperationMs).toList());
            double warm = median(list.stream().map(Sample::warmEventMs).toList());
            table.append(String.format("| %s | %,.0f ms | %,.0f ms | %,.0f ms | %,.0f ms | **%.2f×** |%n", id, function, perOperation,
                    warm, perOperation + warm, median(list.stream().map(Sample::coldPrice).toList())));
        });
        table.append("\nThe ratio is the median of each run's own; each run's, in run order:\n\n");
        samples.forEach((id, list) -> table.append("- ").append(id).append(": ")
                .append(list.stream().map(sample -> String.format("%.2f×", sample.coldPrice())).collect(Collectors.joining(", "))).append('\n'));
        BenchmarkReport.publish("cold-start", ColdStartBenchmark.class, table.toString());
    }
}
