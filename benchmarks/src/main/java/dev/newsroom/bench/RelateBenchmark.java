package dev.newsroom.bench;

import dev.newsroom.core.aws.EdgeInvalidations;
import dev.newsroom.core.article.SiteRules;
import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.MarkdownRenderer;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.testkit.LocalJson;
import dev.newsroom.core.logging.LogSettings;
import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.store.ArticleStore;
import dev.newsroom.core.store.ShellMarker;
import dev.newsroom.core.store.SiteSettingsStore;
import dev.newsroom.core.settings.SiteSettings;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.FunctionEnvironment;
import dev.newsroom.testkit.LambdaContext;
import dev.newsroom.testkit.LocalServices;
import dev.newsroom.testkit.StreamEventJson;
import dev.newsroom.testkit.StreamTap;
import dev.newsroom.testkit.TemplateResources;
import dev.newsroom.relate.LiveRebuild;
import dev.newsroom.relate.RelateConfig;
import dev.newsroom.relate.RelateHandler;
import dev.newsroom.relate.Relater;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One change at several site sizes: loads a corpus into DynamoDB Local and S3Proxy through the full
 * rebuild, then adds new articles and edits the title of existing ones, each time timing from the
 * article item's write (what the publish function does) to the relate function's return (every
 * affected page written), and counting the DynamoDB items it read.
 *
 * <p>Usage: {@code RelateBenchmark CORPUS_ROOT SIZE...}, with {@code CORPUS_ROOT/c<SIZE>} made by
 * gen_corpus.py and {@code CORPUS_ROOT/new} holding the articles to add.
 */
public final class RelateBenchmark {

    private static final int CHANGES = 5;

    public static void main(String[] args) throws Exception {
        System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
        Path root = Path.of(args[0]);
        System.out.println("| articles | change | wall ms (median of " + CHANGES + ") | min–max ms | DynamoDB items read (median) |");
        System.out.println("|---:|---|---:|---:|---:|");
        for (int i = 1; i < args.length; i++) {
            run(root, Integer.parseInt(args[i]));
        }
        System.exit(0);
    }

    private static void run(Path root, int size) throws Exception {
        try (LocalServices aws = LocalServices.start(Optional.empty())) {
            var cfn = CloudFormationTemplate.ofRepository();
            Map<String, String> names = new TemplateResources(cfn).create(aws);
            var env = new Env(FunctionEnvironment.resolve(cfn, "RelateFunction", names,
                    Map.of("SITE_URL", "https://news.example.org", "CDN_URL", "https://news.example.org", "AWS_REGION", "us-east-1")));
            RelateConfig config = RelateConfig.from(env);
            var counter = new ItemsRead();
            var dynamo = aws.dynamoDb(List.of(counter));
            var articles = new ArticleStore(dynamo, names.get("ArticlesTable"));
            var parser = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, config.site().name(), config.site().zone());

            List<Path> files;
            try (Stream<Path> list = Files.list(root.resolve("c" + size))) {
                files = list.filter(p -> p.toString().endsWith(".md")).sorted().toList();
            }
            files.parallelStream().forEach(f -> articles.save(stored(parser, f)));
            LiveRebuild.create(config, aws.s3(), dynamo, Clock.systemUTC()).run(new PrintStream(OutputStream.nullOutputStream()));

            StreamTap tap = StreamTap.of(aws, names.get("ArticlesTable"));
            tap.read(r -> false);
            var handler = new RelateHandler(Relater.create(config, aws.s3(), dynamo, EdgeInvalidations.NONE, Clock.systemUTC()), LogSettings.DEFAULT);
            List<Path> added;
            try (Stream<Path> list = Files.list(root.resolve("new"))) {
                added = list.sorted().limit(CHANGES).toList();
            }
            List<long[]> adds = new ArrayList<>();
            for (Path file : added) {
                adds.add(change(tap, handler, counter, () -> articles.save(stored(parser, file))));
            }
            List<long[]> edits = new ArrayList<>();
            for (int k = 0; k < CHANGES; k++) {
                Path file = files.get(size / 2 + k);
                StoredArticle current = articles.find(stored(parser, file).path()).orElseThrow();
                edits.add(change(tap, handler, counter, () -> articles.save(retitled(parser, file, current))));
            }
            report(size, "add an article", adds);
            report(size, "edit a title", edits);
            // A new menu, as the publish function puts a site.yaml in force: every page again, once (it takes a while).
            String yaml = "menus:\n  main:\n    - {name: About, url: /about}\n";
            var settings = new SiteSettingsStore(dynamo, names.get("UploadsTable"), SiteSettings.KEY);
            settings.apply("01", yaml, "{}", Instant.now());
            settings.applied("01", yaml, Instant.now());
            report(size, "change the menus: every page again (one run)",
                    List.of(change(tap, handler, counter, () -> new ShellMarker(dynamo, names.get("ArticlesTable")).bump("01"))));
        }
    }

    /** Writes the change, delivers its stream records, and returns {wall ms, items read}. */
    private static long[] change(StreamTap tap, RelateHandler handler, ItemsRead counter, Runnable write) throws IOException {
        long start = System.nanoTime();
        long before = counter.count();
        write.run();
        var records = tap.read(r -> true);
        var answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(StreamEventJson.of(records, tap.streamArn()).getBytes(StandardCharsets.UTF_8)),
                answer, LambdaContext.invocationOf("relate", 900));
        if (!LocalJson.mapper().readTree(answer.toByteArray()).get("batchItemFailures").isEmpty()) {
            throw new IllegalStateException("the change failed");
        }
        return new long[] {(System.nanoTime() - start) / 1_000_000, counter.count() - before};
    }

    private static void report(int size, String change, List<long[]> runs) {
        long[] wall = runs.stream().mapToLong(r -> r[0]).sorted().toArray();
        long[] items = runs.stream().mapToLong(r -> r[1]).sorted().toArray();
        System.out.printf("| %,d | %s | %d | %d–%d | %d |%n", size, change, wall[wall.length / 2], wall[0],
                wall[wall.length - 1], items[items.length / 2]);
    }

    private static StoredArticle stored(ArticleParser parser, Path file) {
        try {
            Article article = parser.parse(file.getFileName().toString(), Files.readAllBytes(file));
            return StoredArticle.first(article, ArticleStatus.PUBLISHED, "articles/" + file.getFileName(), "01", "h",
                    java.time.Instant.now());
        } catch (Exception e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    private static StoredArticle retitled(ArticleParser parser, Path file, StoredArticle current) {
        try {
            String text = Files.readString(file).replaceFirst("title: \"", "title: \"Updated: ");
            Article article = parser.parse(file.getFileName().toString(), text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return current.next(article, ArticleStatus.PUBLISHED, current.sourceKey(), current.sequencer(), "h2", java.time.Instant.now());
        } catch (Exception e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    private RelateBenchmark() {
    }
}
