package dev.newsroom.stack;

import dev.newsroom.testkit.LocalJson;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The front's /api/ as an API Gateway HTTP API: requests to v2 events and answers back, over real HTTP. */
class HttpApiTest {

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newHttpClient();
    private SiteFront front;

    @BeforeEach
    void start() throws Exception {
        Map<String, LocalFunction> functions = Map.of(
                "Echo", function("Echo", EchoHandlers.Echo.class),
                "Binary", function("Binary", EchoHandlers.Binary.class),
                "Inferred", function("Inferred", EchoHandlers.Inferred.class),
                "Broken", function("Broken", EchoHandlers.Broken.class));
        List<HttpApiRoute> routes = List.of(
                new HttpApiRoute("Echo", "POST", "/api/articles/{slug}/comments"),
                new HttpApiRoute("Binary", "PUT", "/api/blobs/{path+}"),
                new HttpApiRoute("Inferred", "GET", "/api/hello/{name}"),
                new HttpApiRoute("Broken", "ANY", "/api/broken"));
        front = new SiteFront(0, null, "unused", executor);
        front.start(new HttpApi(routes, functions, Map.of()), null); // API routes only: no page is asked for
    }

    @AfterEach
    void stop() {
        front.close();
        executor.shutdownNow();
    }

    private static LocalFunction function(String id, Class<?> handler) {
        return new LocalFunction(id, handler.getName(), Map.of(), 30);
    }

    @Test
    void turnsARequestIntoTheVersion2EventAndTheAnswerBack() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(front.url() + "/api/articles/caf%C3%A9%20news/comments?limit=5&limit=6&q=a%2Bb"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"Hi\"}"))
                .header("Content-Type", "application/json")
                .header("X-Multi", "1").header("X-Multi", "2")
                .header("Cookie", "a=1; b=2")
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(201, response.statusCode());
        assertEquals("echo", response.headers().firstValue("X-Handler").orElseThrow());
        assertEquals(List.of("session=abc; HttpOnly", "theme=dark"), response.headers().allValues("Set-Cookie"));
        JsonNode event = LocalJson.mapper().readTree(response.body());
        assertEquals("2.0", event.get("version").asText());
        assertEquals("POST /api/articles/{slug}/comments", event.get("routeKey").asText());
        assertEquals("/api/articles/caf%C3%A9%20news/comments", event.get("rawPath").asText());
        assertEquals("limit=5&limit=6&q=a%2Bb", event.get("rawQueryString").asText());
        assertEquals("café news", event.get("pathParameters").get("slug").asText());
        assertEquals("5,6", event.get("queryStringParameters").get("limit").asText());
        assertEquals("a+b", event.get("queryStringParameters").get("q").asText());
        assertEquals("1,2", event.get("headers").get("x-multi").asText());
        assertFalse(event.get("headers").has("cookie"), "cookies travel apart");
        assertEquals(List.of("a=1", "b=2"), List.of(event.get("cookies").get(0).asText(), event.get("cookies").get(1).asText()));
        assertEquals("{\"body\":\"Hi\"}", event.get("body").asText());
        assertFalse(event.get("isBase64Encoded").asBoolean());
        JsonNode context = event.get("requestContext");
        assertEquals("POST", context.get("http").get("method").asText());
        assertEquals("127.0.0.1", context.get("http").get("sourceIp").asText());
        assertEquals("$default", context.get("stage").asText());
        assertFalse(context.get("requestId").asText().isEmpty());
    }

    @Test
    void carriesBinaryBodiesAsBase64BothWays() throws Exception {
        byte[] sent = {0, 1, 2, (byte) 0xFF};
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(front.url() + "/api/blobs/a/b.bin"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(sent))
                .header("Content-Type", "application/octet-stream").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertArrayEquals(new byte[] {(byte) 0xFF, 2, 1, 0}, response.body());
    }

    @Test
    void infersA200JsonAnswerWithoutStatusCode() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(front.url() + "/api/hello/world")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("world", LocalJson.mapper().readTree(response.body()).get("hello").asText());
    }

    @Test
    void answersLikeApiGatewayWhenNothingMatchesOrTheHandlerFails() throws Exception {
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(front.url() + "/api/nowhere")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", missing.body());
        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(URI.create(front.url() + "/api/hello/x"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, wrongMethod.statusCode());
        HttpResponse<String> broken = http.send(HttpRequest.newBuilder(URI.create(front.url() + "/api/broken")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(500, broken.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", broken.body());
        assertTrue(!broken.body().contains("secret"));
        try (var socket = new java.net.Socket("127.0.0.1", front.url().getPort())) {
            socket.getOutputStream().write("GET /api/hello/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream())).readLine();
            assertEquals("HTTP/1.1 400 Bad Request", status, "a malformed path is a bad request, not a dropped connection");
        }
    }
}
