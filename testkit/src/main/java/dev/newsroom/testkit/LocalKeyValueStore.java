package dev.newsroom.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A CloudFront KeyValueStore on loopback, for the local stack and the tests: the store's REST API
 * as the redirects function calls it (DescribeKeyValueStore, GetKey, ListKeys, PutKey, DeleteKey,
 * UpdateKeys, with the store's ETag in {@code If-Match} and its limits), and an unsigned read-only
 * view, {@code GET /edge/keys/{key}}, that plays the replica CloudFront Functions read. Writes
 * must be signed with SigV4a, as the real API requires: the scheme and the region set are checked,
 * the signature itself is not. With a file, the keys outlive a restart.
 */
public final class LocalKeyValueStore implements AutoCloseable {

    public static final String ARN = "arn:aws:cloudfront::000000000000:key-value-store/local-redirects";
    /** The service's limits (CloudFront quotas): key and value sizes, keys per UpdateKeys, and the store's size. */
    static final int MAX_KEY_BYTES = 512;
    static final int MAX_VALUE_BYTES = 1024;
    static final int MAX_KEYS_PER_UPDATE = 50;
    static final long MAX_STORE_BYTES = 5L * 1024 * 1024;

    private final HttpServer server;
    private final Optional<Path> file;
    private final Instant created = Instant.now();
    // Guarded by this.
    private final TreeMap<String, String> keys = new TreeMap<>();
    private long version;

    private LocalKeyValueStore(HttpServer server, Optional<Path> file) throws IOException {
        this.server = server;
        this.file = file;
        if (file.isPresent() && Files.exists(file.get())) {
            JsonNode saved = LocalJson.mapper().readTree(file.get().toFile());
            version = saved.path("version").asLong();
            saved.path("keys").fields().forEachRemaining(e -> keys.put(e.getKey(), e.getValue().asText()));
        }
        server.createContext("/", this::serve);
        server.start();
    }

    /** Starts a store on a free loopback port; with a file, loads the keys from it and saves each change to it. */
    public static LocalKeyValueStore start(Optional<Path> file) throws IOException {
        return new LocalKeyValueStore(LoopbackHttpServer.create(0, 16), file);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** What the store holds now. */
    public synchronized Map<String, String> keys() {
        return Map.copyOf(keys);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] segments = exchange.getRequestURI().getRawPath().substring(1).split("/", -1);
            String method = exchange.getRequestMethod();
            if (segments.length == 3 && segments[0].equals("edge") && segments[1].equals("keys") && method.equals("GET")) {
                String value = value(decode(segments[2]));
                send(exchange, value == null ? 404 : 200, value == null ? "" : value, "text/plain; charset=utf-8");
                return;
            }
            if (segments.length < 2 || !segments[0].equals("key-value-stores")) {
                error(exchange, 404, "ResourceNotFoundException", "no such operation");
                return;
            }
            if (!decode(segments[1]).equals(ARN)) {
                error(exchange, 404, "ResourceNotFoundException", "no key value store " + decode(segments[1]));
                return;
            }
            String authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
            if (!authorization.startsWith("AWS4-ECDSA-P256-SHA256 ")
                    || exchange.getRequestHeaders().getFirst("X-Amz-Region-Set") == null) {
                error(exchange, 403, "AccessDeniedException", "requests must be signed with SigV4a");
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            Optional<String> key = segments.length == 4 && segments[2].equals("keys") ? Optional.of(decode(segments[3])) : Optional.empty();
            boolean keysPath = segments.length == 3 && segments[2].equals("keys");
            if (segments.length == 2 && method.equals("GET")) {
                describe(exchange);
            } else if (keysPath && method.equals("GET")) {
                list(exchange);
            } else if (keysPath && method.equals("POST")) {
                update(exchange, LocalJson.mapper().readTree(body));
            } else if (key.isPresent() && method.equals("GET")) {
                getKey(exchange, key.get());
            } else if (key.isPresent() && method.equals("PUT")) {
                ObjectNode put = LocalJson.mapper().createObjectNode();
                put.putArray("Puts").addObject().put("Key", key.get()).put("Value", LocalJson.mapper().readTree(body).path("Value").asText());
                update(exchange, put);
            } else if (key.isPresent() && method.equals("DELETE")) {
                ObjectNode delete = LocalJson.mapper().createObjectNode();
                delete.putArray("Deletes").addObject().put("Key", key.get());
                update(exchange, delete);
            } else {
                error(exchange, 405, "ValidationException", method + " is not an operation here");
            }
        }
    }

    private synchronized String value(String key) {
        return keys.get(key);
    }

    private synchronized void describe(HttpExchange exchange) throws IOException {
        ObjectNode answer = sizes().put("KvsARN", ARN).put("Status", "READY")
                .put("Created", created.getEpochSecond()).put("LastModified", Instant.now().getEpochSecond());
        exchange.getResponseHeaders().set("ETag", eTag());
        send(exchange, 200, answer.toString(), "application/json");
    }

    private synchronized void getKey(HttpExchange exchange, String key) throws IOException {
        String value = keys.get(key);
        if (value == null) {
            error(exchange, 404, "ResourceNotFoundException", "no key " + key);
            return;
        }
        send(exchange, 200, sizes().put("Key", key).put("Value", value).toString(), "application/json");
    }

    private synchronized void list(HttpExchange exchange) throws IOException {
        ObjectNode answer = LocalJson.mapper().createObjectNode();
        ArrayNode items = answer.putArray("Items");
        keys.forEach((key, value) -> items.addObject().put("Key", key).put("Value", value));
        send(exchange, 200, answer.toString(), "application/json");
    }

    /** UpdateKeys: all or nothing, only over the version the caller read. */
    private synchronized void update(HttpExchange exchange, JsonNode request) throws IOException {
        String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
        if (ifMatch == null) {
            error(exchange, 400, "ValidationException", "If-Match is required");
            return;
        }
        if (!ifMatch.equals(eTag())) {
            error(exchange, 409, "ConflictException", "the store has changed since " + ifMatch);
            return;
        }
        JsonNode puts = request.path("Puts");
        JsonNode deletes = request.path("Deletes");
        if (puts.size() + deletes.size() > MAX_KEYS_PER_UPDATE) {
            error(exchange, 400, "ValidationException", "at most " + MAX_KEYS_PER_UPDATE + " keys per update");
            return;
        }
        TreeMap<String, String> next = new TreeMap<>(keys);
        for (JsonNode put : puts) {
            String key = put.path("Key").asText();
            String value = put.path("Value").asText();
            if (key.isEmpty() || bytes(key) > MAX_KEY_BYTES || bytes(value) > MAX_VALUE_BYTES) {
                error(exchange, 400, "ValidationException", "keys are 1 to " + MAX_KEY_BYTES + " bytes and values at most "
                        + MAX_VALUE_BYTES + ": " + key);
                return;
            }
            next.put(key, value);
        }
        deletes.forEach(delete -> next.remove(delete.path("Key").asText()));
        if (size(next) > MAX_STORE_BYTES) {
            error(exchange, 402, "ServiceQuotaExceededException", "the store would be over " + MAX_STORE_BYTES + " bytes");
            return;
        }
        keys.clear();
        keys.putAll(next);
        version++;
        save();
        exchange.getResponseHeaders().set("ETag", eTag());
        send(exchange, 200, sizes().toString(), "application/json");
    }

    private ObjectNode sizes() {
        return LocalJson.mapper().createObjectNode().put("ItemCount", keys.size()).put("TotalSizeInBytes", size(keys));
    }

    private String eTag() {
        return "local-" + version;
    }

    private void save() {
        file.ifPresent(path -> {
            ObjectNode saved = LocalJson.mapper().createObjectNode().put("version", version);
            ObjectNode map = saved.putObject("keys");
            keys.forEach(map::put);
            try {
                Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
                Files.writeString(temporary, saved.toString());
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static long size(Map<String, String> keys) {
        return keys.entrySet().stream().mapToLong(e -> bytes(e.getKey()) + bytes(e.getValue())).sum();
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        send(exchange, status, LocalJson.mapper().createObjectNode().put("Message", message).toString(), "application/json");
    }

    private static void send(HttpExchange exchange, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
