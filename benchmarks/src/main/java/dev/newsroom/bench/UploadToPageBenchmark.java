package dev.newsroom.bench;

import dev.newsroom.stack.LocalNewsroom;
import static dev.newsroom.bench.BenchmarkReport.median;

import dev.newsroom.testkit.CloudFormationTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Upload to page on a site of some size: the whole local stack, as
 * {@code ./newsroom up} runs it, is first given a corpus of articles the way editors give them
 * (uploads to the source bucket, published and related by the functions), then the rest of the
 * corpus is uploaded one article at a time. Each is timed from the upload's return to its page
 * served by the front, and to the home page listing it (the relate function's work).
 *
 * <p>Usage: {@code UploadToPageBenchmark CORPUS_DIR SITE_SIZE}: the first SITE_SIZE articles
 * (by file name) make the site, the rest are timed; prints a Markdown table and writes it into
 * {@code docs/benchmarks.md}.
 */
public final class UploadToPageBenchmark {

    private UploadToPageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchStack.runThenExit(() -> run(Path.of(args[0]), Integer.parseInt(args[1])));
    }

    private static Void run(Path corpus, int siteSize) throws Exception {
        List<Path> articles;
        try (Stream<Path> files = Files.list(corpus)) {
            articles = files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
        if (articles.size() <= siteSize) {
            throw new IllegalArgumentException(corpus + " has " + articles.size() + " articles; more than " + siteSize + " are needed");
        }
        Path data = Files.createTempDirectory("newsroom-upload");
        try (LocalNewsroom newsroom = LocalNewsroom.start(CloudFormationTemplate.repositoryRoot().resolve("template.yaml"), data, 0)) {
            Site site = new Site(newsroom);
            long loadStart = System.nanoTime();
            site.uploadAll(articles.subList(0, siteSize));
            newsroom.awaitStreamsDelivered(Duration.ofMinutes(15));
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            System.err.printf("the site of %d articles was published and related in %.0f s%n", siteSize, loadSeconds);
            List<Double> toPage = new ArrayList<>();
            List<Double> toHome = new ArrayList<>();
            for (Path article : articles.subList(siteSize, articles.size())) {
                String slug = slug(article);
                long uploaded = site.upload(article);
                site.awaitServed("/articles/" + slug, body -> true);
                toPage.add((System.nanoTime() - uploaded) / 1e6);
                site.awaitServed("/", body -> body.contains("/articles/" + slug + "\""));
                toHome.add((System.nanoTime() - uploaded) / 1e6);
            }
            print(siteSize, loadSeconds, toPage, toHome);
        }
        return null;
    }

    /** The stack's source bucket and front, as an editor and a reader reach them. */
    private static final class Site {
        private final S3Client s3;
        private final String bucket;
        private final FrontReader reader;

        Site(LocalNewsroom newsroom) {
            this.s3 = newsroom.services().s3();
            this.bucket = newsroom.names().get("SourceBucket");
            this.reader = new FrontReader(newsroom.siteUrl());
        }

        /** Uploads each article, four at a time, and waits until every page is served. */
        void uploadAll(List<Path> articles) throws Exception {
            ExecutorService editors = Executors.newFixedThreadPool(4);
            try {
                List<Future<Long>> uploads = new ArrayList<>();
                for (Path article : articles) {
                    uploads.add(editors.submit(() -> upload(article)));
                }
                for (Future<Long> upload : uploads) {
                    upload.get();
                }
            } finally {
                editors.shutdown();
            }
            for (Path article : articles) {
                awaitServed("/articles/" + slug(article), body -> true);
            }
        }

        /** Uploads an article and returns when the upload returned, in {@link System#nanoTime()}. */
        long upload(Path article) throws Exception {
            byte[] content = Files.readAllBytes(article);
            s3.putObject(r -> r.bucket(bucket).key("articles/" + article.getFileName()).contentType("text/markdown; charset=utf-8"),
                    RequestBody.fromBytes(content));
            return System.nanoTime();
        }

        void awaitServed(String path, Predicate<String> wanted) throws Exception {
            reader.awaitServed(path, wanted, Duration.ofMinutes(2));
        }
    }

    private static String slug(Path article) {
        String name = article.getFileName().toString();
        return name.substring(0, name.length() - ".md".length());
    }

    private static void print(int siteSize, double loadSeconds, List<Double> toPage, List<Double> toHome) throws IOException {
        BenchmarkReport.publish("upload-to-page", UploadToPageBenchmark.class, String.format("""
                | on a site of %,d articles | median | max |
                |---|---:|---:|
                | upload returned to its page served | %.0f ms | %.0f ms |
                | upload returned to the home page listing it | %.0f ms | %.0f ms |

                %d uploads, one at a time, each after the last was on the home page; the front polled every 5 ms. \
                Publishing and relating the %,d articles first took %.0f s.
                """, siteSize, median(toPage), max(toPage), median(toHome), max(toHome), toPage.size(), siteSize, loadSeconds));
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
