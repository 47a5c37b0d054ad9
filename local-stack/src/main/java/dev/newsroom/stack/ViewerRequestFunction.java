package dev.newsroom.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.testkit.LocalJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The distribution's viewer-request function ({@code template.yaml}'s {@code SiteViewerRequest}),
 * its own code run under Node as CloudFront runs it, against the local key-value store: the local
 * front asks it about every page request, so old addresses answer 301 as they would at the edge.
 */
final class ViewerRequestFunction implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** CloudFront Functions run in under a millisecond; this only bounds a stuck host. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    /** What the function decided: send the request on to the bucket at {@code uri}, or answer it itself. */
    sealed interface Outcome permits Forward, Answer {
    }

    record Forward(String uri) implements Outcome {
    }

    record Answer(int status, Map<String, String> headers) implements Outcome {
    }

    private final Process node;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();

    private ViewerRequestFunction(Process node, URI endpoint) {
        this.node = node;
        this.endpoint = endpoint;
    }

    /** Starts the function's code under Node, reading keys from the store at {@code keyValueStore}. */
    static ViewerRequestFunction start(String code, URI keyValueStore, Path workDir) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve("edge"));
        Path codeFile = Files.writeString(dir.resolve("viewer-request.js"), code);
        Path host = dir.resolve("edge-host.mjs");
        try (InputStream in = ViewerRequestFunction.class.getResourceAsStream("/edge-host.mjs")) {
            Files.write(host, in.readAllBytes());
        }
        Process node = new ProcessBuilder("node", host.toString(), codeFile.toString(), keyValueStore.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return lines.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = first.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            node.destroyForcibly();
            throw new IOException("the viewer-request function did not start under Node within " + START_TIMEOUT, e);
        }
        if (line == null || !line.startsWith("listening ")) {
            node.destroyForcibly();
            throw new IOException("the viewer-request function did not start under Node: " + line);
        }
        return new ViewerRequestFunction(node, URI.create("http://127.0.0.1:" + line.substring("listening ".length()).strip()
                + "/viewer-request"));
    }

    /** Runs the function on a reader's GET of {@code rawPath}, with its raw query, as CloudFront would. */
    Outcome handle(String method, String rawPath, String rawQuery) throws IOException {
        ObjectNode request = LocalJson.mapper().createObjectNode().put("method", method).put("uri", rawPath);
        ObjectNode query = request.putObject("querystring");
        parameters(rawQuery).forEach((name, value) -> query.putObject(name).put("value", value));
        request.putObject("headers");
        request.putObject("cookies");
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(endpoint).timeout(CALL_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the viewer-request function ran", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("the viewer-request function failed: " + response.body());
        }
        JsonNode result = LocalJson.mapper().readTree(response.body());
        if (result.has("statusCode")) {
            Map<String, String> headers = new LinkedHashMap<>();
            result.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().path("value").asText()));
            return new Answer(result.get("statusCode").asInt(), headers);
        }
        return new Forward(result.path("uri").asText());
    }

    /** A query string as CloudFront hands it to functions: each name once, with its last value. */
    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            parameters.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Override
    public void close() {
        node.destroy();
    }
}
