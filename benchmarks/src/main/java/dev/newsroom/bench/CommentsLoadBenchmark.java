package dev.newsroom.bench;

import dev.newsroom.core.store.ArticleItems;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.stack.LocalNewsroom;
import dev.newsroom.testkit.LocalJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.testkit.CloudFormationTemplate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Comments under load: comment POSTs through the local front at a fixed concurrency, each the
 * whole path (the article read, the submission claim and rate count, the captcha checked over
 * loopback, the comment stored), against the same DynamoDB requests replayed directly by a plain
 * client at the same concurrency on the same DynamoDB Local: the function's overhead over its own
 * storage work, judged on the median of the rounds' own ratios. DynamoDB Local's raw PutItem rate
 * for the same comment item is measured beside them, for scale. Rounds alternate the three; each
 * is bounded by a count of requests.
 *
 * <p>Usage: {@code CommentsLoadBenchmark [CONCURRENCY] [REQUESTS] [ROUNDS]} (default 8, 1000, 5);
 * prints a Markdown table and writes it into {@code docs/benchmarks.md}.
 */
public final class CommentsLoadBenchmark {

    private static final String SLUG = "load-test-article";
    private static final int WARM_UP = 300;
    /** Bounds each round in time as well as in count: a stalled service fails the run instead of hanging it. */
    private static final Duration ROUND_LIMIT = Duration.ofMinutes(2);
    private static final Duration REQUEST_LIMIT = Duration.ofSeconds(10);

    /** One round of one kind: requests per second and the 99th percentile, in milliseconds. */
    private record Round(double perSecond, double p99Ms) {
    }

    private CommentsLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int concurrency = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        BenchStack.runThenExit(() -> run(concurrency, requests, rounds));
    }

    private static Void run(int concurrency, int requests, int rounds) throws Exception {
        Path data = Files.createTempDirectory("newsroom-load");
        try (LocalNewsroom newsroom = LocalNewsroom.start(CloudFormationTemplate.repositoryRoot().resolve("template.yaml"), data, 0)) {
            URI site = newsroom.siteUrl();
            publishArticle(newsroom, site);
            Poster poster = new Poster(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), site,
                    LocalNewsroom.secret(data.resolve("secrets"), "ORIGIN_SECRET"));
            DynamoDbClient dynamo = newsroom.services().dynamoDb();
            String comments = newsroom.names().get("CommentsTable");
            ExecutorService clients = Executors.newFixedThreadPool(concurrency);
            try {
                load(clients, concurrency, WARM_UP, poster::post);
                Map<String, AttributeValue> stored = dynamo.scan(r -> r.tableName(comments).limit(1)).items().get(0);
                AtomicInteger rawIds = new AtomicInteger();
                Request rawPut = () -> {
                    Map<String, AttributeValue> item = new HashMap<>(stored);
                    item.put("commentId", AttributeValue.fromS("raw-" + rawIds.incrementAndGet()));
                    dynamo.putItem(r -> r.tableName(comments).item(item));
                };
                load(clients, concurrency, WARM_UP, rawPut);
                Request postsDatabaseShare = postsDatabaseShare(dynamo, newsroom.names(), stored);
                load(clients, concurrency, WARM_UP, postsDatabaseShare);
                List<Round> raw = new ArrayList<>();
                List<Round> writes = new ArrayList<>();
                List<Round> posts = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    raw.add(load(clients, concurrency, requests, rawPut));
                    writes.add(load(clients, concurrency, requests, postsDatabaseShare));
                    posts.add(load(clients, concurrency, requests, poster::post));
                }
                List<Double> overheads = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    overheads.add(posts.get(round).perSecond() / writes.get(round).perSecond());
                }
                print(concurrency, requests, rounds, median(posts), median(writes), median(raw), overheads);
            } finally {
                clients.shutdownNow();
            }
        }
        return null;
    }

    /**
     * The DynamoDB requests a comment POST makes, sent directly: the article's read, the
     * transaction that claims the submission and counts it in the client's minute, and the
     * transaction that stores the comment with its submission record and duplicate marker. The same
     * operations, items and conditions in kind, with fewer attributes on the short records. The
     * database's share of a POST, and so the most the POST's rate could be.
     */
    private static Request postsDatabaseShare(DynamoDbClient dynamo, Map<String, String> names, Map<String, AttributeValue> comment) {
        String articles = names.get("ArticlesTable");
        String comments = names.get("CommentsTable");
        String limits = names.get("ClientLimitsTable");
        AtomicInteger ids = new AtomicInteger();
        return () -> {
            int n = ids.incrementAndGet();
            AttributeValue submission = AttributeValue.fromS("sub#writes-" + n);
            dynamo.getItem(r -> r.tableName(articles).key(Map.of(ArticleItems.KEY, AttributeValue.fromS(SiteLayout.articlePath(SLUG)))));
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(limits)
                            .item(Map.of("key", submission, "status", AttributeValue.fromS("in-progress")))
                            .conditionExpression("attribute_not_exists(#key)").expressionAttributeNames(Map.of("#key", "key")).build()).build(),
                    TransactWriteItem.builder().update(Update.builder().tableName(limits)
                            .key(Map.of("key", AttributeValue.fromS("rate#writes-" + n)))
                            .updateExpression("ADD #count :one").conditionExpression("attribute_not_exists(#count) OR #count < :limit")
                            .expressionAttributeNames(Map.of("#count", "count"))
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":limit", AttributeValue.fromN("5"))).build()).build()));
            Map<String, AttributeValue> item = new HashMap<>(comment);
            item.put("commentId", AttributeValue.fromS("writes-" + n));
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(comments).item(item)
                            .conditionExpression("attribute_not_exists(commentId)").build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(limits)
                            .item(Map.of("key", submission, "status", AttributeValue.fromS("approved")))
                            .conditionExpression("#status = :claimed").expressionAttributeNames(Map.of("#status", "status"))
                            .expressionAttributeValues(Map.of(":claimed", AttributeValue.fromS("in-progress"))).build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(limits)
                            .item(Map.of("key", AttributeValue.fromS("dup#writes-" + n)))
                            .conditionExpression("attribute_not_exists(#key)").expressionAttributeNames(Map.of("#key", "key")).build()).build()));
        };
    }

    /** One request of a kind; throws if it was not done. */
    private interface Request {
        void send() throws Exception;
    }

    /** Comment POSTs as CloudFront forwards them: each from its own reader, with a fresh captcha token. */
    private static final class Poster {
        private final HttpClient http;
        private final URI endpoint;
        private final String site;
        private final String originSecret;
        private final AtomicInteger count = new AtomicInteger();

        Poster(HttpClient http, URI site, String originSecret) {
            this.http = http;
            this.endpoint = site.resolve(SiteLayout.commentsApiPath(SiteLayout.articlePath(SLUG)));
            this.site = site.toString().replaceAll("/$", "");
            this.originSecret = originSecret;
        }

        void post() throws Exception {
            int n = count.incrementAndGet();
            ObjectNode body = LocalJson.mapper().createObjectNode().put("name", "Reader " + n)
                    .put("body", "Comment number " + n + " on the harbour bridge.").put("captchaToken", "test-pass:load-" + n);
            HttpRequest request = HttpRequest.newBuilder(endpoint).header("content-type", "application/json")
                    .header("origin", site)
                    .header("cloudfront-viewer-address", "198.51." + n / 250 % 250 + "." + (n % 250 + 1) + ":443")
                    .header("x-origin-verify", originSecret)
                    .timeout(REQUEST_LIMIT)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("comment POST answered " + response.statusCode() + ": " + response.body());
            }
        }
    }

    /**
     * Sends {@code count} requests from {@code concurrency} clients, each sending its next as soon as
     * one is answered; fails if they are not all answered within {@link #ROUND_LIMIT}.
     */
    private static Round load(ExecutorService clients, int concurrency, int count, Request request) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>(count));
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            running.add(clients.submit(() -> {
                while (next.getAndIncrement() < count) {
                    long sent = System.nanoTime();
                    request.send();
                    nanos.add(System.nanoTime() - sent);
                }
                return null;
            }));
        }
        long deadline = start + ROUND_LIMIT.toNanos();
        for (Future<?> client : running) {
            try {
                client.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                running.forEach(c -> c.cancel(true));
                throw new IllegalStateException(next.get() + " of " + count + " requests sent, not all answered in " + ROUND_LIMIT.toSeconds() + " s");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = nanos.stream().sorted().toList();
        return new Round(count / seconds, sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1) / 1e6);
    }

    private static void publishArticle(LocalNewsroom newsroom, URI site) throws Exception {
        byte[] article = BenchStack.resource("/bench/article-800.md");
        newsroom.services().s3().putObject(r -> r.bucket(newsroom.names().get("SourceBucket")).key("articles/" + SLUG + ".md"),
                RequestBody.fromBytes(article));
        new FrontReader(site).awaitServed("/articles/" + SLUG, body -> true, Duration.ofSeconds(60));
    }

    private static Round median(List<Round> rounds) {
        List<Double> rates = rounds.stream().map(Round::perSecond).sorted().toList();
        List<Double> p99s = rounds.stream().map(Round::p99Ms).sorted().toList();
        return new Round(rates.get(rates.size() / 2), p99s.get(p99s.size() / 2));
    }

    private static void print(int concurrency, int requests, int rounds, Round posts, Round writes, Round raw,
                              List<Double> overheads) throws IOException {
        BenchmarkReport.publish("comments-load", CommentsLoadBenchmark.class, String.format("""
                | at %d concurrent clients | per second | p99 | ÷ the POST's DynamoDB requests | ÷ PutItem |
                |---|---:|---:|---:|---:|
                | comment POST through the local front | %.0f | %.1f ms | **%.2f** | %.2f |
                | the POST's DynamoDB requests, replayed directly (article read, claim-and-count transaction, store transaction) | %.0f | %.1f ms | 1 | %.2f |
                | DynamoDB Local, raw PutItem of the same comment item | %.0f | %.1f ms | | 1 |

                Medians of %d rounds of %d requests each, alternating, after %d of each to warm up. The POST's \
                figure against its DynamoDB requests is the median of each round's own ratio: %s.
                """, concurrency, posts.perSecond(), posts.p99Ms(), BenchmarkReport.median(overheads), posts.perSecond() / raw.perSecond(),
                writes.perSecond(), writes.p99Ms(), writes.perSecond() / raw.perSecond(),
                raw.perSecond(), raw.p99Ms(), rounds, requests, WARM_UP,
                overheads.stream().map(r -> String.format("%.2f", r)).collect(Collectors.joining(", "))));
    }
}
