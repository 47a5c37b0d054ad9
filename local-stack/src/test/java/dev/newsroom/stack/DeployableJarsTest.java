package dev.newsroom.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.core.json.Json;
import dev.newsroom.local.CloudFormationTemplate;
import dev.newsroom.local.LocalAwsExtension;
import dev.newsroom.local.LocalAwsExtension.LocalStack;
import dev.newsroom.local.SiteverifyServer;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
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
import software.amazon.awssdk.core.sync.RequestBody;

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
        functions = LocalNewsroom.functions(template, stack.names(), stack.aws(), URI.create("http://127.0.0.1:3000"),
                siteverify, Files.createDirectories(dir.resolve("secrets")), Map.of());
    }

    @AfterAll
    void stopSiteverify() {
        siteverify.close();
    }

    @Test
    @Order(1)
    void publishJarRendersAnUploadedArticle() throws Exception {
        String key = "articles/harbour-bridge-reopens.md";
        byte[] article;
        try (InputStream seed = DeployableJarsTest.class.getResourceAsStream("/seed/harbour-bridge-reopens.md")) {
            article = seed.readAllBytes();
        }
        String etag = stack.aws().s3().putObject(r -> r.bucket(stack.name("SourceBucket")).key(key).contentType("text/markdown"),
                RequestBody.fromBytes(article)).eTag().replace("\"", "");
        ObjectNode event = SampleEvents.upload(stack.name("SourceBucket"), key, etag, article.length);

        firstInvoke("PublishFunction", event);

        assertTrue(stack.aws().s3().headObject(r -> r.bucket(stack.name("SiteBucket")).key("articles/harbour-bridge-reopens.html"))
                .contentLength() > 0);
    }

    @Test
    @Order(2)
    void commentsJarAnswersTheApi() throws Exception {
        JsonNode response = firstInvoke("CommentsFunction", SampleEvents.listComments("harbour-bridge-reopens"));

        assertEquals(200, response.get("statusCode").asInt(), response::toString);
        assertTrue(Json.mapper().readTree(response.get("body").asText()).has("comments"), response::toString);
    }

    @Test
    @Order(3)
    void relateJarHandlesAStreamBatch() throws Exception {
        JsonNode response = firstInvoke("RelateFunction", SampleEvents.articlePublished("harbour-bridge-reopens"));

        assertEquals(0, response.get("batchItemFailures").size(), response::toString);
        assertTrue(stack.aws().s3().headObject(r -> r.bucket(stack.name("SiteBucket")).key("index.html")).contentLength() > 0);
    }

    /** Runs the function's jar in a fresh JVM on one event; returns its response. */
    private JsonNode firstInvoke(String functionId, JsonNode event) throws Exception {
        LocalFunction function = functions.get(functionId);
        Path jar = CloudFormationTemplate.repositoryRoot().resolve(template.resources("AWS::Serverless::Function")
                .get(functionId).path("Properties").path("CodeUri").asText());
        assertTrue(Files.size(jar) < MAX_JAR_BYTES, () -> jar + " is over 12 MB");
        Path eventFile = Files.writeString(dir.resolve(functionId + "-event.json"), event.toString());
        FreshJvm.Run run = FreshJvm.run(jar, function.environment(), dir, FirstInvoke.class, function.handlerClass(),
                eventFile.toString());
        System.out.printf("%s: init %.0f ms, first invoke %.0f ms%n%s", functionId, run.initMs(), run.invokeMs(), run.output());
        return run.result().get("response");
    }
}
