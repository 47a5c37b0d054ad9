package dev.newsroom.stack;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./newsroom up}: starts the local newsroom and keeps it running until Ctrl-C. */
@Command(name = "newsroom up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs the whole newsroom on this machine, on 127.0.0.1 only: DynamoDB Local and S3Proxy with the",
            "buckets and tables of template.yaml, the functions it declares, S3 event notifications, and one",
            "front port that serves the site as CloudFront would and /api/ as API Gateway would.",
            "Endpoints are printed and written to <data dir>/endpoints.json. Ctrl-C stops everything."})
public final class NewsroomUp implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "3000",
            description = "The front port for the site and /api/ (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${sys:newsroom.root:-.}/.newsroom",
            description = "Where DynamoDB Local, S3Proxy and the logs keep their data, so a restart keeps everything"
                    + " (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--fresh", description = "Delete the data directory first and start empty (the demo articles are published again).")
    boolean fresh;

    @Option(names = "--seed", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "On the first start of a data directory, publish a few demo articles (default: on).")
    boolean seed;

    @Option(names = "--template", paramLabel = "FILE", defaultValue = "${sys:newsroom.root:-.}/template.yaml",
            description = "The SAM template the resources and functions come from (default: ${DEFAULT-VALUE}).")
    Path template;

    public static void main(String[] args) {
        System.exit(new CommandLine(new NewsroomUp()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        // S3Proxy refuses keys under a path with "..", so a relative --data-dir is resolved first.
        Path data = dataDir.toAbsolutePath().normalize();
        if (fresh && Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        // Set before the first logger exists: the libraries that log through Log4j only warn.
        System.setProperty("log4j2.configurationFile", "log4j2-stack.xml");
        System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
        // Our shutdown hook stops the functions first; Log4j's own hook would silence them mid-way.
        System.setProperty("log4j2.shutdownHookEnabled", "false");

        // The stream's backlog line counts what the functions' batch lines report on the console.
        AtomicReference<LocalNewsroom> started = new AtomicReference<>();
        System.setOut(new PrintStream(new BatchLineTap(System.out, (function, batch) -> {
            LocalNewsroom running = started.get();
            if (running != null) {
                running.batchLogged(function, batch);
            }
        }), true, StandardCharsets.UTF_8));
        LocalNewsroom newsroom = LocalNewsroom.start(template, data, port);
        started.set(newsroom);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                newsroom.close();
                System.out.println("Newsroom stopped.");
            } catch (Exception e) {
                System.err.println("newsroom: shutting down: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "shutdown"));
        long readyMs = ManagementFactory.getRuntimeMXBean().getUptime();
        var e = newsroom.endpoints();
        System.out.printf("""
                Newsroom is up (ready in %d ms)
                  site      %s
                  api       %s
                  s3        %s   (bucket %s, articles under %s)
                  dynamodb  %s
                  captcha   %s   (local siteverify; test tokens in docs/comments.md)
                  desk      %s   (sign in as moderator or editor: passwords in endpoints.json)
                  data      %s   (endpoints.json)
                Publish an article:
                  AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_DEFAULT_REGION=%s \\
                    /usr/bin/aws --endpoint-url %s s3 cp my-article.md s3://%s/%smy-article.md
                Ctrl-C stops everything.
                %n""", readyMs, e.get("site").asText(), e.get("api").asText(), e.get("s3").asText(),
                e.get("sourceBucket").asText(), e.get("articlePrefix").asText(), e.get("dynamodb").asText(),
                e.get("siteverify").asText(), e.get("desk").asText(),
                data, e.get("accessKeyId").asText(), e.get("secretAccessKey").asText(),
                e.get("region").asText(), e.get("s3").asText(), e.get("sourceBucket").asText(), e.get("articlePrefix").asText());
        if (seed) {
            newsroom.seedIfNew().forEach(key -> System.out.println("seeding " + key));
        }
        stopped.await();
        return 0;
    }
}
