package dev.newsroom.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.logging.LogSettings;
import dev.newsroom.testkit.LambdaContext;
import dev.newsroom.testkit.LocalJson;
import dev.newsroom.core.aws.EdgeInvalidations;
import dev.newsroom.testkit.LocalCloudFront;
import dev.newsroom.testkit.LocalScheduler;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import dev.newsroom.testkit.LocalServices;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

import dev.newsroom.core.config.Env;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.store.ArticleItems;
import dev.newsroom.testkit.AwsBackend;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.FunctionEnvironment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.List;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The publish function wired as {@code template.yaml} wires it, against one backend: uploads go to
 * the source bucket through the SDK, events are real-shaped, and every check reads real storage.
 */
final class PublishWorld {

    static final String SITE_URL = "https://news.example.org";
    /** What a withdrawn article's page says. */
    static final String WITHDRAWN = "Article withdrawn";

    final AwsBackend aws;
    final S3Client s3;
    final DynamoDbClient dynamo;
    final String sourceBucket;
    final String siteBucket;
    final String articlesTable;
    final String uploadsTable;
    final PublishConfig config;
    final String id = UUID.randomUUID().toString().substring(0, 8);
    /** The articles' schedules: each fires the handler of {@link #handler()} with its event, as the scheduler invokes the function. */
    final LocalScheduler scheduler;
    /** What the scheduler could not deliver after its retries. */
    final List<LocalScheduler.Schedule> deadLetters = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The distribution's invalidations, as takedowns make them. */
    final LocalCloudFront cloudFront;

    PublishWorld(AwsBackend aws, Map<String, String> names) {
        this(aws, names, java.time.Duration.ZERO);
    }

    /** A world whose scheduler's clock runs {@code skew} ahead of ours. */
    PublishWorld(AwsBackend aws, Map<String, String> names, java.time.Duration skew) {
        this.aws = aws;
        this.s3 = aws.s3();
        this.dynamo = aws.dynamoDb();
        this.sourceBucket = names.get("SourceBucket");
        this.siteBucket = names.get("SiteBucket");
        this.articlesTable = names.get("ArticlesTable");
        this.uploadsTable = names.get("UploadsTable");
        try {
            this.scheduler = LocalScheduler.start(Optional.empty(),
                    (arn, input) -> handle(handler(), tree(input)), (schedule, failure) -> deadLetters.add(schedule), skew);
            this.cloudFront = LocalCloudFront.start(invalidation -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        scheduler.run();
        this.config = PublishConfig.from(new Env(environment(names, scheduler.url(), cloudFront.url())));
    }

    private static JsonNode tree(String json) {
        try {
            return LocalJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the function's environment would be in AWS, with AWS-only values filled in, its schedules
     * kept at {@code scheduler} and its invalidations made at {@code cloudFront}.
     */
    static Map<String, String> environment(Map<String, String> names, java.net.URI scheduler, java.net.URI cloudFront) {
        try {
            Map<String, String> overrides = new HashMap<>(LocalScheduler.environment(scheduler, "PublishFunction"));
            overrides.putAll(LocalCloudFront.environment(cloudFront));
            overrides.putAll(Map.of("CDN_URL", "https://d111111abcdef8.cloudfront.net", "SITE_URL", SITE_URL, "AWS_REGION", "us-east-1"));
            return FunctionEnvironment.resolve(CloudFormationTemplate.ofRepository(), "PublishFunction", names, overrides);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The publish function's component, as its handler builds it, with {@code s3} for its S3 calls. */
    Publisher publisher(S3Client s3) {
        return Publisher.create(config, s3, dynamo, schedulerClient(), edge(), Clock.systemUTC());
    }

    /** The world's distribution, as the function's client reaches it. */
    EdgeInvalidations edge() {
        return EdgeInvalidations.of(CloudFrontClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(LocalServices.credentials())
                .endpointOverride(cloudFront.url()).httpClient(UrlConnectionHttpClient.create()).build(), LocalCloudFront.DISTRIBUTION_ID);
    }

    /** A client of the world's scheduler. */
    SchedulerClient schedulerClient() {
        return SchedulerClient.builder().region(Region.US_EAST_1).credentialsProvider(LocalServices.credentials())
                .endpointOverride(scheduler.url()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    PublishHandler handler() {
        return new PublishHandler(publisher(s3), LogSettings.DEFAULT);
    }

    /**
     * A handler that crashes on every write to the site bucket, as if the function died between
     * storing the item and writing the page. The fault is injected in the SDK's request pipeline.
     */
    PublishHandler handlerThatCannotWritePages() {
        ExecutionInterceptor crashOnPageWrite = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutObjectRequest put && put.bucket().equals(siteBucket)) {
                    throw SdkClientException.create("injected crash before the page write");
                }
            }
        };
        return new PublishHandler(publisher(aws.s3(List.of(crashOnPageWrite))), LogSettings.DEFAULT);
    }

    /**
     * A handler during whose first read of {@code key} from the source bucket {@code meanwhile} runs:
     * another invocation's work landing while this one has the file in hand.
     */
    PublishHandler handlerWhileReading(String key, Runnable meanwhile) {
        return handlerBefore(request -> request instanceof software.amazon.awssdk.services.s3.model.GetObjectRequest get && get.key().equals(key),
                meanwhile);
    }

    /** A handler before whose first S3 request that {@code request} matches {@code meanwhile} runs. */
    PublishHandler handlerBefore(java.util.function.Predicate<software.amazon.awssdk.core.SdkRequest> request, Runnable meanwhile) {
        var once = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutionInterceptor interleave = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (request.test(context.request()) && once.compareAndSet(false, true)) {
                    meanwhile.run();
                }
            }
        };
        return new PublishHandler(publisher(aws.s3(List.of(interleave))), LogSettings.DEFAULT);
    }

    void handle(JsonNode event) {
        handle(handler(), event);
    }

    void handle(PublishHandler handler, JsonNode event) {
        handle(handler, event, LambdaContext.invocationOf("publish", 30));
    }

    /** Hands the handler the event's JSON, as Lambda does. */
    static void handle(PublishHandler handler, JsonNode event, LambdaContext context) {
        try {
            handler.handleRequest(new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)),
                    OutputStream.nullOutputStream(), context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands the handler an operator's request and returns its answer, as {@code aws lambda invoke} prints it. */
    JsonNode answer(JsonNode request) {
        return answer(request, LambdaContext.invocationOf("publish", 30));
    }

    /** As {@link #answer(JsonNode)}, in an invocation with {@code context}'s time left. */
    JsonNode answer(JsonNode request, LambdaContext context) {
        var out = new java.io.ByteArrayOutputStream();
        try {
            handler().handleRequest(new ByteArrayInputStream(request.toString().getBytes(StandardCharsets.UTF_8)), out, context);
            return LocalJson.mapper().readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads like an editor would, and returns the event S3 would send for it. */
    ObjectNode upload(String key, String content) {
        return upload(key, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Uploads a photo of this size ({@link #photo}), and returns the event S3 would send for it. */
    ObjectNode uploadPhoto(String key, int width, int height) {
        return upload(key, photo(width, height));
    }

    ObjectNode upload(String key, byte[] bytes) {
        PutObjectResponse put = s3.putObject(r -> r.bucket(sourceBucket).key(key), RequestBody.fromBytes(bytes));
        return S3Events.created(sourceBucket, key, put.eTag(), bytes.length, S3Events.nextSequencer());
    }

    /** The event a file's schedule sends when its article's time comes. */
    JsonNode due(String key) {
        return dev.newsroom.testkit.SampleEvents.due(sourceBucket, key);
    }

    ObjectNode delete(String key) {
        s3.deleteObject(r -> r.bucket(sourceBucket).key(key));
        return S3Events.removed(sourceBucket, key, S3Events.nextSequencer());
    }

    Optional<ResponseBytes<GetObjectResponse>> siteObject(String key) {
        return object(siteBucket, key);
    }

    Optional<ResponseBytes<GetObjectResponse>> sourceObject(String key) {
        return object(sourceBucket, key);
    }

    /** The page of the article at {@code slug}'s default path; {@link #pageAt} for any other. */
    Optional<String> page(String slug) {
        return pageAt(SiteLayout.articlePath(slug));
    }

    Optional<String> pageAt(String path) {
        return siteObject(SiteLayout.articleKey(path)).map(ResponseBytes::asUtf8String);
    }

    /** The page key of the article at {@code slug}'s default path. */
    static String pageKey(String slug) {
        return SiteLayout.articleKey(SiteLayout.articlePath(slug));
    }

    /** The article at {@code slug}'s default path; {@link #articleAt} for any other. */
    Optional<StoredArticle> article(String slug) {
        return articleAt(SiteLayout.articlePath(slug));
    }

    /** Where each old address that leads to {@code path} is, as the redirects table has it now (strongly consistent reads). */
    Map<String, String> redirectsOf(String... from) {
        var store = new dev.newsroom.core.store.RedirectStore(dynamo, config.redirectsTable());
        Map<String, String> found = new java.util.TreeMap<>();
        for (String address : from) {
            store.find(address).ifPresent(r -> found.put(r.from(), r.to()));
        }
        return found;
    }

    Optional<StoredArticle> articleAt(String path) {
        return Optional.ofNullable(itemAt(path)).map(ArticleItems::fromItem);
    }

    /** The articles table's item of the article at {@code slug}'s default path. */
    Map<String, AttributeValue> item(String slug) {
        return itemAt(SiteLayout.articlePath(slug));
    }

    Map<String, AttributeValue> itemAt(String path) {
        var item = dynamo.getItem(r -> r.tableName(articlesTable).consistentRead(true)
                .key(Map.of(ArticleItems.KEY, AttributeValue.fromS(path)))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    Map<String, AttributeValue> upload(String key) {
        var item = dynamo.getItem(r -> r.tableName(uploadsTable).consistentRead(true)
                .key(Map.of("sourceKey", AttributeValue.fromS(key)))).item();
        return item == null || item.isEmpty() ? null : new HashMap<>(item);
    }

    private Optional<ResponseBytes<GetObjectResponse>> object(String bucket, String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** A JPEG photo of this size: what a photographer uploads, in miniature. */
    static byte[] photo(int width, int height) {
        var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, java.awt.Color.ORANGE, width, height, java.awt.Color.DARK_GRAY));
        g.fillRect(0, 0, width, height);
        g.dispose();
        var out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A valid article; {@code extra} adds or overrides front-matter lines. */
    static String article(String title, String extra) {
        return "---\ntitle: \"" + title + "\"\ndate: 2026-11-20T07:30:00Z\ncategory: City\n"
                + "author: {name: Amara Okafor, bio: Transport reporter., twitter: amara_writes}\n"
                + "tags: [Transport]\n" + extra + (extra.isEmpty() ? "" : "\n")
                + "---\nThe harbour bridge reopened on Friday.\n\n## Details\n\nMore text.\n";
    }
}
