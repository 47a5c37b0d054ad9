package dev.newsroom.relate;

import dev.newsroom.core.aws.EdgeInvalidations;
import dev.newsroom.testkit.LocalCloudFront;
import dev.newsroom.testkit.LocalServices;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.core.article.SiteRules;
import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.MarkdownRenderer;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.logging.LogSettings;
import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.store.ArticleItems;
import dev.newsroom.core.store.ArticleStore;
import dev.newsroom.core.store.ListingStore;
import dev.newsroom.core.store.RelatedListStore;
import dev.newsroom.core.store.UnsettledStore;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.FunctionEnvironment;
import dev.newsroom.testkit.LambdaContext;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import dev.newsroom.testkit.StreamEventJson;
import dev.newsroom.testkit.StreamTap;
import dev.newsroom.testkit.TemplateResources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The relate function wired as {@code template.yaml} wires it, on DynamoDB Local and S3Proxy:
 * articles are written to the articles table as the publish function writes them, and the function
 * gets the table's real stream records, in the event Lambda would send. Slugs, categories, tags and
 * authors carry a per-world id, so worlds sharing the tables never meet.
 */
final class RelateWorld {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    final Provisioned local;
    final String id = "w" + UUID.randomUUID().toString().substring(0, 6);
    final RelateConfig config;
    final ArticleStore articles;
    final ListingStore listingStore;
    final RelatedListStore listStore;
    final UnsettledStore unsettled;
    private final StreamTap tap;
    private ArticleParser parser = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, "Newsroom", ZoneOffset.UTC);
    private List<Record> lastBatch = List.of();
    private final Set<String> names = new TreeSet<>();
    /** The source file of each article the world has published, as an editor's bucket would hold it now. */
    private final Map<String, String> sources = new TreeMap<>();

    RelateWorld(Provisioned local) {
        this(local, Map.of());
    }

    /**
     * A world with buckets and tables of its own, so that every page of its site, the home page,
     * feeds and sitemaps too, is its alone and compares with {@code ./newsroom export}.
     */
    static RelateWorld withSiteOfItsOwn(Provisioned shared) {
        try {
            String prefix = "site-" + UUID.randomUUID().toString().substring(0, 6) + "-";
            var names = new TemplateResources(CloudFormationTemplate.ofRepository()).create(shared.services(), prefix);
            return new RelateWorld(new Provisioned(shared.services(), names));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A world whose function has these variables in place of the template's. */
    RelateWorld(Provisioned local, Map<String, String> variables) {
        this.local = local;
        Map<String, String> environment = new TreeMap<>(environment(local.names()));
        environment.putAll(variables);
        this.config = RelateConfig.from(new Env(environment));
        this.articles = new ArticleStore(local.services().dynamoDb(), local.name("ArticlesTable"));
        this.listingStore = new ListingStore(local.services().dynamoDb(), local.name("IndexTable"), ZoneOffset.UTC);
        this.listStore = new RelatedListStore(local.services().dynamoDb(), local.name("IndexTable"));
        this.unsettled = new UnsettledStore(local.services().dynamoDb(), local.name("IndexTable"), local.name("ArticlesTable"));
        this.tap = StreamTap.of(local.services(), local.name("ArticlesTable"));
        tap.read(r -> false);
    }

    static Map<String, String> environment(Map<String, String> names) {
        try {
            Map<String, String> overrides = new java.util.HashMap<>(LocalCloudFront.environment(CLOUD_FRONT.url()));
            overrides.putAll(Map.of("CDN_URL", "https://d111111abcdef8.cloudfront.net", "SITE_URL", "https://news.example.org",
                    "AWS_REGION", "us-east-1"));
            return FunctionEnvironment.resolve(CloudFormationTemplate.ofRepository(), "RelateFunction", names, overrides);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The handler, with faults injected into its DynamoDB requests if given. */
    RelateHandler handler(ExecutionInterceptor... dynamoFaults) {
        return handler(List.of(dynamoFaults), List.of());
    }

    /** The handler, with these interceptors on its DynamoDB and S3 requests: to inject faults or watch. */
    RelateHandler handler(List<ExecutionInterceptor> dynamo, List<ExecutionInterceptor> s3) {
        return handler(NOW, dynamo, s3);
    }

    /** The handler with its clock at {@code now}. */
    RelateHandler handler(Instant now, List<ExecutionInterceptor> dynamo, List<ExecutionInterceptor> s3) {
        return new RelateHandler(Relater.create(config, local.services().s3(s3), local.services().dynamoDb(dynamo), edge(),
                Clock.fixed(now, ZoneOffset.UTC)), LogSettings.DEFAULT);
    }

    /** The distribution the functions invalidate, one for the whole run: tests tell their invalidations apart by their articles' paths. */
    static final LocalCloudFront CLOUD_FRONT = startCloudFront();

    private static LocalCloudFront startCloudFront() {
        try {
            return LocalCloudFront.start(invalidation -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The function's client of {@link #CLOUD_FRONT}. */
    static EdgeInvalidations edge() {
        return EdgeInvalidations.of(CloudFrontClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(LocalServices.credentials())
                .endpointOverride(CLOUD_FRONT.url()).httpClient(UrlConnectionHttpClient.create()).build(), LocalCloudFront.DISTRIBUTION_ID);
    }

    String slug(String name) {
        return id + "-" + name;
    }

    /** The path of this world's article {@code name}: its slug's default path. */
    String path(String name) {
        return SiteLayout.articlePath(slug(name));
    }

    /** From now on, articles are read as on a site of these languages, the default first. */
    void inLanguages(String... codes) {
        parser = parser.under(new SiteRules(dev.newsroom.core.site.Permalinks.STANDARD, Map.of(), Map.of(), List.of(codes)));
    }

    /** Publishes (or republishes) an article of this world; {@code day} counts back from now. */
    StoredArticle publish(String name, int day, String category, String author, String... tags) {
        return save(name, day, category, author, "", ArticleStatus.PUBLISHED, tags);
    }

    StoredArticle save(String name, int day, String category, String author, String extra, ArticleStatus status,
                       String... tags) {
        String markdown = "---\ntitle: \"" + name + " story\"\ndate: " + NOW.minusSeconds(86_400L * day)
                + "\ncategory: " + id + " " + category + "\nauthor: " + id + " " + author
                + "\ntags: [" + String.join(", ", java.util.Arrays.stream(tags).map(t -> id + " " + t).toList()) + "]\n"
                + "slug: " + slug(name) + "\n" + extra + (extra.isEmpty() ? "" : "\n") + "---\nBody of " + name + ".\n";
        Article article;
        try {
            article = parser.parse("articles/" + slug(name) + ".md", markdown.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidArticleException e) {
            throw new IllegalArgumentException(e.problems().toString(), e);
        }
        names.add(name);
        if (status == ArticleStatus.PUBLISHED) {
            sources.put("articles/" + slug(name) + ".md", markdown);
        } else {
            sources.remove("articles/" + slug(name) + ".md");
        }
        Optional<StoredArticle> current = articles.find(path(name));
        StoredArticle next = current.map(c -> c.next(article, status, c.sourceKey(), c.sequencer(), "h" + c.version(), NOW))
                .orElseGet(() -> StoredArticle.first(article, status, "articles/" + slug(name) + ".md", "01", "h", NOW));
        if (!articles.save(next)) {
            throw new IllegalStateException("lost a race nobody runs");
        }
        return next;
    }

    StoredArticle unpublish(String name) {
        StoredArticle c = articles.find(path(name)).orElseThrow();
        sources.remove(c.sourceKey());
        StoredArticle next = c.next(c.article(), ArticleStatus.UNPUBLISHED, c.sourceKey(), c.sequencer(), c.contentHash(), NOW);
        articles.save(next);
        return next;
    }

    /** Deletes the article's item, as an editor deleting its source does. */
    void delete(String name) {
        sources.remove("articles/" + slug(name) + ".md");
        local.services().dynamoDb().deleteItem(r -> r.tableName(local.name("ArticlesTable"))
                .key(Map.of(ArticleItems.KEY, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(path(name)))));
    }

    /** This world's stream records since the last call. */
    List<Record> changes() {
        lastBatch = tap.read(r -> r.dynamodb().keys().get(ArticleItems.KEY).s().startsWith(path("")));
        return lastBatch;
    }

    /** The records the stream brings after a burst: the marker's, with any of this world's since the last call. */
    List<Record> afterBurst() {
        lastBatch = tap.read(r -> UnsettledStore.isMarker(r.dynamodb().keys()) || r.dynamodb().keys().get(ArticleItems.KEY).s().startsWith(path("")));
        return lastBatch;
    }

    /** This world's records since the last call, and the markers' ({@link UnsettledStore}, {@link dev.newsroom.core.store.ShellMarker}). */
    List<Record> changesAndMarkers() {
        lastBatch = tap.read(r -> UnsettledStore.isMarker(r.dynamodb().keys()) || dev.newsroom.core.store.ShellMarker.isMarker(r.dynamodb().keys())
                || r.dynamodb().keys().get(ArticleItems.KEY).s().startsWith(path("")));
        return lastBatch;
    }

    /** This world's articles whose changes wait for the batch after a burst. */
    Set<String> waiting() {
        return unsettled.waiting().stream().map(UnsettledStore.Change::path).filter(path -> path.startsWith(path("")))
                .map(path -> path.substring(path("").length())).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    /** Source key → Markdown of each article the world has published and not withdrawn since. */
    Map<String, String> sources() {
        return Map.copyOf(sources);
    }

    List<Record> lastBatch() {
        return lastBatch;
    }

    /** Hands the function this world's new records; returns the sequence numbers it names as failed. */
    List<String> relate() {
        return relate(handler());
    }

    List<String> relate(RelateHandler handler) {
        return relate(handler, changes());
    }

    /** Hands the function a batch as Lambda's event source mapping sends it, in JSON, and reads its JSON answer. */
    List<String> relate(RelateHandler handler, List<Record> records) {
        return relate(handler, records, LambdaContext.invocationOf("relate", 900));
    }

    /** As above, in an invocation with {@code context}'s time left (the template gives the function 900 s). */
    List<String> relate(RelateHandler handler, List<Record> records, LambdaContext context) {
        var answer = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(StreamEventJson.of(records, tap.streamArn()).getBytes(StandardCharsets.UTF_8)),
                    answer, context);
            List<String> failed = new ArrayList<>();
            for (JsonNode failure : JSON.readTree(answer.toByteArray()).get("batchItemFailures")) {
                failed.add(failure.get("itemIdentifier").asText());
            }
            return failed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> related(String name) {
        return listStore.related(path(name)).map(l -> l.scored().stream().map(s -> s.path().substring(path("").length())).toList())
                .orElse(List.of());
    }

    Optional<String> page(String path) {
        try {
            return Optional.of(local.services().s3().getObjectAsBytes(r -> r.bucket(local.name("SiteBucket"))
                    .key(SiteLayout.objectKey(path))).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    Optional<String> articlePage(String name) {
        return page(path(name));
    }

    /**
     * Relates this world's new records in one batch, and the batch after it if it was a burst
     * ({@link #relateUntilSettled()}); then its pages and lists as {@link #settled()}.
     */
    Map<String, String> settledByOneBatch() {
        if (!relate().isEmpty()) {
            throw new IllegalStateException("a batch without faults failed");
        }
        relateUntilSettled();
        return settled();
    }

    /**
     * Hands the function the burst marker's records ({@link UnsettledStore}), with any of this
     * world's, until none come: what the stream brings the function after a burst.
     */
    void relateUntilSettled() {
        for (int round = 0; round < 3; round++) {
            if (afterBurst().isEmpty()) {
                return;
            }
            if (!relate(handler(), lastBatch).isEmpty()) {
                throw new IllegalStateException("a batch without faults failed");
            }
        }
        throw new IllegalStateException("the stream still brings records after three batches");
    }

    /**
     * This world's pages and related lists, with its id taken out: two worlds given the same articles
     * must agree on every entry and score, however their batches went. Scores depend only on the
     * world's own tags, so worlds sharing the tables still compare.
     */
    Map<String, String> settled() {
        Map<String, String> settled = new TreeMap<>();
        String bucket = local.name("SiteBucket");
        local.services().s3().listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                .filter(o -> o.key().contains(id))
                .forEach(o -> settled.put(o.key().replace(id, "W"), local.services().s3()
                        .getObjectAsBytes(r -> r.bucket(bucket).key(o.key())).asUtf8String().replace(id, "W")));
        for (String name : names) {
            // No list and an empty one show readers the same: an article withdrawn before any batch rendered it has none.
            settled.put("related#" + name, listStore.related(path(name)).filter(l -> !l.scored().isEmpty())
                    .map(l -> l.scored().toString()).orElse("").replace(id, "W"));
        }
        return settled;
    }

    /** Every object in the world's site bucket, by key: for a world with a site of its own. */
    Map<String, String> sitePages() {
        Map<String, String> pages = new TreeMap<>();
        String bucket = local.name("SiteBucket");
        local.services().s3().listObjectsV2Paginator(r -> r.bucket(bucket)).contents().forEach(o -> pages.put(o.key(),
                local.services().s3().getObjectAsBytes(r -> r.bucket(bucket).key(o.key())).asUtf8String()));
        return pages;
    }

    /** The same pages and lists as a world whose batch never failed; a difference is shown by its first line. */
    static void assertSameSite(Map<String, String> neverFailed, Map<String, String> replayed) {
        org.junit.jupiter.api.Assertions.assertEquals(neverFailed.keySet(), replayed.keySet());
        for (var page : neverFailed.entrySet()) {
            List<String> expected = page.getValue().lines().toList();
            List<String> actual = replayed.get(page.getKey()).lines().toList();
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                org.junit.jupiter.api.Assertions.assertEquals(expected.get(i), actual.get(i), page.getKey() + ", line " + (i + 1) + ", as if the batch had never failed");
            }
            org.junit.jupiter.api.Assertions.assertEquals(expected.size(), actual.size(), page.getKey());
        }
    }
}
