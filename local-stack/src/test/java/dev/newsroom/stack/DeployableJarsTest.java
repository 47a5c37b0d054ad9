package dev.newsroom.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.local.CloudFormationTemplate;
import dev.newsroom.local.LocalAwsExtension;
import dev.newsroom.local.LocalAwsExtension.LocalStack;
import dev.newsroom.local.SiteverifyServer;
import java.net.URI;
import com.sun.net.httpserver.HttpServer;
import dev.newsroom.local.LocalAws;
import dev.newsroom.local.LoopbackHttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each function's deployable jar (the template's CodeUri, shrunk by ProGuard) as Lambda runs it: a
 * JVM of its own with Lambda's flags and the template's environment, the jar alone on the class
 * path with {@link FirstInvoke}, handling a sample event from {@code events/} against DynamoDB
 * Local and S3Proxy. A class the shrinking dropped but the function needs fails here.
 */
@ExtendWith(LocalAwsExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployableJarsTest {

    private static final long MAX_JAR_BYTES = 12L * 1024 * 1024;

    private final LocalStack stack;
    private final CloudFormationTemplate template;
    private Map<String, LocalFunction> functions;
    private SiteverifyServer siteverify;
    @TempDir
    static Path dir;

    DeployableJarsTest(LocalStack stack) throws Exception {
        this.stack = stack;
        this.template = CloudFormationTemplate.ofRepository();
    }

    @BeforeAll
    void environments() throws Exception {
        siteverify = new SiteverifyServer("unused-by-these-events", "127.0.0.1");
        functions = LocalNewsroom.functions(template, stack.names(), stack.aws(), URI.create(BenchStack.SITE),
                siteverify, Files.createDirectories(dir.resolve("secrets")), Map.of());
    }

    @AfterAll
    void stopSiteverify() {
        siteverify.close();
    }

    @Test
    @Order(1)
    void publishJarRendersAnUploadedArticle() throws Exception {
        ObjectNode event = SampleEvents.upload(stack.aws().s3(), stack.name("SourceBucket"), "articles/harbour-bridge-reopens.md",
                BenchStack.resource("/seed/harbour-bridge-reopens.md"));

        firstInvoke("PublishFunction", event);

        assertTrue(stack.aws().s3().headObject(r -> r.bucket(stack.name("SiteBucket")).key("articles/harbour-bridge-reopens.html"))
                .contentLength() > 0);
    }

    @Test
    @Order(2)
    void commentsJarAnswersTheApi() throws Exception {
        JsonNode response = firstInvoke("CommentsFunction", SampleEvents.listComments("harbour-bridge-reopens"));

        assertEquals(200, response.get("statusCode").asInt(), response::toString);
        assertTrue(StackJson.mapper().readTree(response.get("body").asText()).has("comments"), response::toString);
    }

    /** Under SnapStart, Lambda gives no keys but a credentials endpoint; the function must take it. */
    @Test
    @Order(3)
    void commentsJarFetchesCredentialsFromLambdasEndpoint() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer endpoint = LoopbackHttpServer.create(0, 0);
        endpoint.createContext("/credentials", exchange -> {
            boolean authorised = "local-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"AccessKeyId\":\"" + LocalAws.ACCESS_KEY + "\",\"SecretAccessKey\":\"" + LocalAws.SECRET_KEY
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

            JsonNode response = firstInvoke("CommentsFunction", environment, SampleEvents.listComments("harbour-bridge-reopens"));

            assertEquals(200, response.get("statusCode").asInt(), response::toString);
            assertTrue(fetched.get() >= 1, "the credentials came from the endpoint");
        } finally {
            endpoint.stop(0);
        }
    }

    @Test
    @Order(4)
    void relateJarHandlesAStreamBatch() throws Exception {
        JsonNode response = firstInvoke("RelateFunction", SampleEvents.articlePublished("harbour-bridge-reopens"));

        assertEquals(0, response.get("batchItemFailures").size(), response::toString);
        assertTrue(stack.aws().s3().headObject(r -> r.bucket(stack.name("SiteBucket")).key("index.html")).contentLength() > 0);
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
