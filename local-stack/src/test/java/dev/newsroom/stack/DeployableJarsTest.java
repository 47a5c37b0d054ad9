package dev.newsroom.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.core.json.Json;
import dev.newsroom.local.CloudFormationTemplate;
import dev.newsroom.local.LambdaContext;
import dev.newsroom.local.LocalAwsExtension;
import dev.newsroom.local.LocalAwsExtension.LocalStack;
import dev.newsroom.local.SiteverifyServer;
import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    /** What Lambda's Java runtime sets besides the function's own variables. */
    private static final Map<String, String> LAMBDA_RUNTIME = Map.of("LANG", "en_US.UTF-8", "TZ", ":UTC");

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
        ObjectNode event = sample("s3-put.json");
        ObjectNode s3 = (ObjectNode) event.get("Records").get(0).get("s3");
        ((ObjectNode) s3.get("bucket")).put("name", stack.name("SourceBucket"));
        ((ObjectNode) s3.get("object")).put("eTag", etag).put("size", article.length).remove("versionId");

        firstInvoke("PublishFunction", event);

        assertTrue(stack.aws().s3().headObject(r -> r.bucket(stack.name("SiteBucket")).key("articles/harbour-bridge-reopens.html"))
                .contentLength() > 0);
    }

    @Test
    @Order(2)
    void commentsJarAnswersTheApi() throws Exception {
        JsonNode response = firstInvoke("CommentsFunction", sample("api-list-comments.json"));

        assertEquals(200, response.get("statusCode").asInt(), response::toString);
        assertTrue(Json.mapper().readTree(response.get("body").asText()).has("comments"), response::toString);
    }

    @Test
    @Order(3)
    void relateJarHandlesAStreamBatch() throws Exception {
        JsonNode response = firstInvoke("RelateFunction", sample("dynamodb-article-published.json"));

        assertEquals(0, response.get("batchItemFailures").size(), response::toString);
        assertTrue(stack.aws().s3().headObject(r -> r.bucket(stack.name("SiteBucket")).key("index.html")).contentLength() > 0);
    }

    private ObjectNode sample(String name) throws Exception {
        return (ObjectNode) Json.mapper().readTree(CloudFormationTemplate.repositoryRoot().resolve("events").resolve(name).toFile());
    }

    /** Runs the function's jar in a fresh JVM on one event; returns its response. */
    private JsonNode firstInvoke(String functionId, JsonNode event) throws Exception {
        LocalFunction function = functions.get(functionId);
        Path jar = CloudFormationTemplate.repositoryRoot().resolve(template.resources("AWS::Serverless::Function")
                .get(functionId).path("Properties").path("CodeUri").asText());
        assertTrue(Files.size(jar) < MAX_JAR_BYTES, () -> jar + " is over 12 MB");
        Path eventFile = Files.writeString(dir.resolve(functionId + "-event.json"), event.toString());
        Path result = dir.resolve(functionId + "-result.json");
        Path log = dir.resolve(functionId + ".log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-XX:+UseSerialGC", "-cp", String.join(File.pathSeparator, jar.toString(),
                        codeSource(FirstInvoke.class), codeSource(LambdaContext.class), codeSource(LambdaEventSerializers.class)),
                FirstInvoke.class.getName(), function.handlerClass(), eventFile.toString(), result.toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(LAMBDA_RUNTIME);
        builder.environment().putAll(function.environment());
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), functionId + " did not finish");
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), () -> functionId + " failed:\n" + output);
        JsonNode outcome = Json.mapper().readTree(result.toFile());
        System.out.printf("%s: init %.0f ms, first invoke %.0f ms%n%s", functionId, outcome.get("initMs").asDouble(),
                outcome.get("invokeMs").asDouble(), output);
        return outcome.get("response");
    }

    private static String codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
