package dev.newsroom.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.local.CloudFormationTemplate;
import dev.newsroom.local.LocalAws;
import dev.newsroom.local.SiteverifyServer;
import dev.newsroom.local.TemplateResources;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Each function's cold start against its floor, in the same run (issue 6): a fresh JVM with
 * Lambda's flags and the function's deployable jar builds the handler and handles one real-shaped
 * event ({@link FirstInvoke}); another builds the same SDK clients and makes one call of each kind
 * ({@link ColdStartFloor}). Runs alternate, against DynamoDB Local and S3Proxy in this JVM.
 *
 * <p>Usage: {@code ColdStartBenchmark [RUNS]}; prints a Markdown table.
 */
public final class ColdStartBenchmark {

    private record Sample(double functionMs, double floorMs, double functionWallMs, double floorWallMs) {
    }

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int code = 1;
        try {
            run(args.length > 0 ? Integer.parseInt(args[0]) : 5);
            code = 0;
        } finally {
            // DynamoDB Local leaves non-daemon threads behind that would hold the JVM for minutes.
            System.exit(code);
        }
    }

    private static void run(int runs) throws Exception {
        CloudFormationTemplate cfn = CloudFormationTemplate.ofRepository();
        Path work = Files.createTempDirectory("newsroom-cold-start");
        try (LocalAws aws = LocalAws.start(Optional.empty());
             SiteverifyServer siteverify = new SiteverifyServer("unused-by-these-events", "127.0.0.1")) {
            Map<String, String> names = new TemplateResources(cfn).create(aws);
            Map<String, LocalFunction> functions = LocalNewsroom.functions(cfn, names, aws, URI.create("http://127.0.0.1:3000"),
                    siteverify, Files.createDirectories(work.resolve("secrets")), Map.of());
            byte[] article;
            try (InputStream seed = ColdStartBenchmark.class.getResourceAsStream("/seed/harbour-bridge-reopens.md")) {
                article = seed.readAllBytes();
            }
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            for (int run = 1; run <= runs; run++) {
                // A new article each run, so every run does the whole job rather than finding it done.
                String slug = "cold-start-" + run;
                String key = "articles/" + slug + ".md";
                String eTag = aws.s3().putObject(r -> r.bucket(names.get("SourceBucket")).key(key), RequestBody.fromBytes(article))
                        .eTag().replace("\"", "");
                String table = names.get("ArticlesTable");
                String source = names.get("SourceBucket");
                measure(samples, functions, work, cfn, "PublishFunction", SampleEvents.upload(source, key, eTag, article.length),
                        table, source, key);
                measure(samples, functions, work, cfn, "CommentsFunction", SampleEvents.listComments(slug), table);
                measure(samples, functions, work, cfn, "RelateFunction", SampleEvents.articlePublished(slug), table, source, key);
                System.err.printf("run %d of %d done%n", run, runs);
            }
            print(samples, runs);
        }
    }

    private static void measure(Map<String, List<Sample>> samples, Map<String, LocalFunction> functions, Path work,
                                CloudFormationTemplate cfn, String id, JsonNode event, String... floorCalls) throws Exception {
        LocalFunction function = functions.get(id);
        Path jar = CloudFormationTemplate.repositoryRoot().resolve(cfn.resource(id).path("Properties").path("CodeUri").asText());
        Path eventFile = Files.writeString(Files.createTempFile(work, id, ".json"), event.toString());
        FreshJvm.Run handled = FreshJvm.run(jar, function.environment(), work, FirstInvoke.class, function.handlerClass(),
                eventFile.toString());
        FreshJvm.Run floor = FreshJvm.run(jar, function.environment(), work, ColdStartFloor.class, floorCalls);
        samples.computeIfAbsent(id, k -> new ArrayList<>()).add(new Sample(handled.initMs() + handled.invokeMs(),
                floor.initMs() + floor.invokeMs(), handled.wallMs(), floor.wallMs()));
    }

    private static void print(Map<String, List<Sample>> samples, int runs) {
        System.out.printf("| function | init + first event, ms | floor: clients + one call each, ms | ratio | JVM wall, function / floor, ms |%n");
        System.out.printf("|---|---:|---:|---:|---:|%n");
        samples.forEach((id, list) -> {
            double function = median(list.stream().map(Sample::functionMs).toList());
            double floor = median(list.stream().map(Sample::floorMs).toList());
            System.out.printf("| %s | %.0f | %.0f | %.2f× | %.0f / %.0f |%n", id, function, floor, function / floor,
                    median(list.stream().map(Sample::functionWallMs).toList()), median(list.stream().map(Sample::floorWallMs).toList()));
        });
        System.out.printf("%nMedians of %d runs each, alternating function and floor.%n", runs);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
