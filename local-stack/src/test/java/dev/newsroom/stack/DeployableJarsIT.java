package dev.newsroom.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.LocalJson;
import dev.newsroom.testkit.SampleEvents;
import dev.newsroom.testkit.FirstInvoke;
import dev.newsroom.testkit.FreshJvm;
import dev.newsroom.testkit.LocalCloudFront;
import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import dev.newsroom.testkit.SiteverifyServer;
import java.io.InputStream;
import java.net.URI;
import com.sun.net.httpserver.HttpServer;
import dev.newsroom.testkit.LocalKeyValueStore;
import dev.newsroom.testkit.LocalServices;
import dev.newsroom.testkit.LocalScheduler;
import dev.newsroom.testkit.LocalTopic;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.newsroom.testkit.LoopbackHttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each function's deployable jar (the template's CodeUri, shrunk by ProGuard) as Lambda runs it: a
 * JVM of its own with Lambda's flags and the template's environment, the jar alone on the class
 * path with {@link FirstInvoke}, handling a sample event from {@code events/} against DynamoDB
 * Local and S3Proxy. A class the shrinking dropped but the function needs fails here.
 */
@ExtendWith(LocalServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployableJarsIT {

    private static final long MAX_JAR_BYTES = 12L * 1024 * 1024;
    private static final URI SITE = URI.create("http://127.0.0.1:3000");

    private final Provisioned local;
    private final CloudFormationTemplate template;
    private Map<String, LocalFunction> functions;
    private SiteverifyServer siteverify;
    private LocalKeyValueStore redirects;
    private LocalTopic topic;
    private LocalScheduler scheduler;
    private LocalCloudFront cloudFront;
    @TempDir
    static Path dir;

    DeployableJarsIT(Provisioned local) throws Exception {
        this.local = local;
        this.template = CloudFormationTemplate.ofRepository();
    }

    /** The article the comments and relate jars are asked about, published in this process, so no test depends on another. */
    @BeforeAll
    void environmentsAndAPublishedArticle() throws Exception {
        siteverify = new SiteverifyServer("unused-by-these-events", "127.0.0.1");
        redirects = LocalKeyValueStore.start(Optional.empty());
        topic = LocalTopic.start(Optional.empty());
        scheduler = LocalScheduler.start(Optional.empty(), (arn, input) -> { }, (schedule, failure) -> { }, java.time.Duration.ZERO);
        cloudFront = LocalCloudFront.start(invalidation -> { });
        functions = LocalNewsroom.functions(template, local.names(), local.services(), SITE, siteverify, redirects.url(),
                LocalNewsroom.NO_SIGN_IN, topic.url(), scheduler.url(), cloudFront.url(), Files.createDirectories(dir.resolve("secrets")), Map.of(),
                LocalNewsroom.ServicePath.DIRECT);
        functions.get("PublishFunction").invoke(upload("harbour-bridge-reopens").toString());
    }

    @AfterAll
    void stopSiteverify() {
        siteverify.close();
        redirects.close();
        topic.close();
        scheduler.close();
        cloudFront.close();
    }

    @Test
    void publishJarRendersAnUploadedArticle() throws Exception {
        firstInvoke("PublishFunction", upload("night-market-returns"));

        assertTrue(local.services().s3().headObject(r -> r.bucket(local.name("SiteBucket")).key("articles/night-market-returns.html"))
                .contentLength() > 0);
    }

    /** The scheduler's client is shrunk with the jar: only an embargoed article calls it. */
    @Test
    void publishJarSchedulesAnEmbargoedArticle() throws Exception {
        byte[] embargoed = ("---\ntitle: Budget announced\ndate: 2099-01-01T09:00:00Z\n---\nThe budget is out.\n").getBytes(StandardCharsets.UTF_8);
        firstInvoke("PublishFunction", SampleEvents.upload(local.services().s3(), local.name("SourceBucket"),
                "articles/budget-announced.md", embargoed));

        assertEquals(List.of(Instant.parse("2099-01-01T09:00:00Z")), scheduler.schedules().stream().map(LocalScheduler.Schedule::at).toList());
        assertTrue(local.services().s3().listObjectsV2(r -> r.bucket(local.name("SiteBucket")).prefix("articles/budget"))
                .contents().isEmpty(), "no page before its time");
    }

    /** ImageIO finds its readers through service files, which the shrinking must keep: only an uploaded photo reads one. */
    @Test
    void publishJarMakesAnUploadedPhotosWidthVariants() throws Exception {
        var image = new java.awt.image.BufferedImage(1000, 700, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "jpeg", out);
        firstInvoke("PublishFunction", SampleEvents.upload(local.services().s3(), local.name("SourceBucket"), "assets/jar/photo.jpg",
                out.toByteArray()));

        for (String key : List.of("assets/jar/photo.jpg", "assets/jar/photo-480w.jpg", "assets/jar/photo-960w.jpg")) {
            assertTrue(local.services().s3().headObject(r -> r.bucket(local.name("SiteBucket")).key(key)).contentLength() > 0, key);
        }
    }

    /** The CloudFront client is shrunk with the jar: only a takedown calls it. */
    @Test
    void publishJarTakesAnArticleDownAndInvalidatesItsPage() throws Exception {
        byte[] article = "---\ntitle: Court sealed story\ndate: 2026-11-20\n---\nSealed since.\n".getBytes(StandardCharsets.UTF_8);
        functions.get("PublishFunction").invoke(SampleEvents.upload(local.services().s3(), local.name("SourceBucket"),
                "articles/court-sealed-story.md", article).toString());

        JsonNode answer = firstInvoke("PublishFunction", LocalJson.mapper().readTree("{\"takedown\": {\"article\": \"court-sealed-story\"}}"));

        assertEquals("/articles/court-sealed-story", answer.path("article").asText());
        assertEquals(List.of(List.of("/articles/court-sealed-story", "/articles/court-sealed-story.html")),
                cloudFront.invalidations().stream().map(LocalCloudFront.Invalidation::paths).toList());
    }

    /** TOML front matter is read by a library the shrinking must keep whole: only a file with it exercises that. */
    @Test
    void publishJarReadsHugosTomlFrontMatter() throws Exception {
        byte[] toml = ("+++\ntitle = 'Ferry timetable changes'\ndate = 2026-11-20T07:30:00Z\ntags = ['Transport']\n"
                + "[author]\nname = 'Amara Okafor'\n+++\nThe ferry runs every twenty minutes.\n").getBytes(StandardCharsets.UTF_8);
        firstInvoke("PublishFunction", SampleEvents.upload(local.services().s3(), local.name("SourceBucket"),
                "articles/ferry-timetable.md", toml));

        String page = local.services().s3().getObjectAsBytes(r -> r.bucket(local.name("SiteBucket"))
                .key("articles/ferry-timetable.html")).asUtf8String();
        assertTrue(page.contains("Ferry timetable changes") && page.contains("Amara Okafor"), page);
    }

    @Test
    void commentsJarAnswersTheApi() throws Exception {
        JsonNode response = firstInvoke("CommentsFunction", SampleEvents.listComments("articles~harbour-bridge-reopens"));

        assertEquals(200, response.get("statusCode").asInt(), response::toString);
        assertTrue(LocalJson.mapper().readTree(response.get("body").asText()).has("comments"), response::toString);
    }

    /** Under SnapStart, Lambda gives no keys but a credentials endpoint; the function must take it. */
    @Test
    void commentsJarFetchesCredentialsFromLambdasEndpoint_I2() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer endpoint = LoopbackHttpServer.create(0, 0);
        endpoint.createContext("/credentials", exchange -> {
            boolean authorised = "local-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"AccessKeyId\":\"" + LocalServices.ACCESS_KEY + "\",\"SecretAccessKey\":\"" + LocalServices.SECRET_KEY
                    + "\",\"Token\":\"local-session\",\"Expiration\":\"" + Instant.now().plusSeconds(3600) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            if (authorised) {
                fetched.incrementAndGet();
            }
            exchange.sendResponseHeaders(authorised ? 200 : 403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        try {
            Map<String, String> environment = new HashMap<>(functions.get("CommentsFunction").environment());
            List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN").forEach(environment::remove);
            environment.put("AWS_CONTAINER_CREDENTIALS_FULL_URI",
                    "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/credentials");
            environment.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "local-token");

            JsonNode response = firstInvoke("CommentsFunction", environment, SampleEvents.listComments("articles~harbour-bridge-reopens"));

            assertEquals(200, response.get("statusCode").asInt(), response::toString);
            assertTrue(fetched.get() >= 1, "the credentials came from the endpoint");
        } finally {
            endpoint.stop(0);
        }
    }

    @Test
    void relateJarHandlesAStreamBatch() throws Exception {
        JsonNode response = firstInvoke("RelateFunction", SampleEvents.articlePublished("/articles/harbour-bridge-reopens"));

        assertEquals(0, response.get("batchItemFailures").size(), response::toString);
        assertTrue(local.services().s3().headObject(r -> r.bucket(local.name("SiteBucket")).key("index.html")).contentLength() > 0);
    }

    /** The jar carries the AWS CRT for SigV4a; its native library must load from the shrunk jar. */
    @Test
    void redirectsJarWritesTheEdgesStoreSignedWithSigV4a() throws Exception {
        JsonNode response = firstInvoke("RedirectsFunction", SampleEvents.redirectSet("/?p=42", "/blog/2019/06/07/ropensci-docs/"));

        assertEquals(0, response.get("batchItemFailures").size(), response::toString);
        assertEquals(Map.of("/?p=42", "/blog/2019/06/07/ropensci-docs/"), redirects.keys());
    }

    /** The SNS client is shrunk with the rest of the comments jar: the digest must still reach the topic. */
    @Test
    void digestJarEmailsModeratorsThroughTheTopic() throws Exception {
        String id = String.format("%013d-0000abcd", Instant.now().toEpochMilli());
        local.services().dynamoDb().putItem(r -> r.tableName(local.name("CommentsTable")).item(Map.of(
                "slug", AttributeValue.fromS("/articles/harbour-bridge-reopens"), "commentId", AttributeValue.fromS(id),
                "status", AttributeValue.fromS("pending"), "queue", AttributeValue.fromS("pending"),
                "name", AttributeValue.fromS("Ada"), "body", AttributeValue.fromS("Held for a moderator."),
                "createdAt", AttributeValue.fromS(Instant.now().toString()), "clientHash", AttributeValue.fromS("client"))));

        firstInvoke("ModerationDigestFunction", SampleEvents.digest());

        assertEquals(1, topic.messages().size(), topic.messages()::toString);
        assertTrue(topic.messages().get(0).text().contains("Held for a moderator."), topic.messages()::toString);
    }

    /** Uploads one of the local stack's seed articles; returns S3's notification of it. */
    private ObjectNode upload(String slug) throws Exception {
        byte[] article;
        try (InputStream in = LocalNewsroom.class.getResourceAsStream("/seed/" + slug + ".md")) {
            article = in.readAllBytes();
        }
        return SampleEvents.upload(local.services().s3(), local.name("SourceBucket"), "articles/" + slug + ".md", article);
    }

    private JsonNode firstInvoke(String functionId, JsonNode event) throws Exception {
        return firstInvoke(functionId, functions.get(functionId).environment(), event);
    }

    /** Runs the function's jar in a fresh JVM on one event; returns its response. */
    private JsonNode firstInvoke(String functionId, Map<String, String> environment, JsonNode event) throws Exception {
        LocalFunction function = functions.get(functionId);
        Path jar = FreshJvm.deployableJar(template, functionId);
        assertTrue(Files.size(jar) < MAX_JAR_BYTES, () -> jar + " is over 12 MB");
        Path eventFile = Files.writeString(dir.resolve(functionId + "-event.json"), event.toString());
        FreshJvm.Run run = FreshJvm.run(jar, environment, dir, FirstInvoke.class, function.handlerClass(),
                eventFile.toString());
        System.out.printf("%s: init %.0f ms, first invoke %.0f ms%n%s", functionId, run.initMs(), run.invokeMs(), run.output());
        return run.result().get("response");
    }
}
