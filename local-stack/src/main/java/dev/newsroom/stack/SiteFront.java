package dev.newsroom.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.testkit.LoopbackHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The one front port. Outside {@code /api/} it plays CloudFront in front of the site bucket: the
 * distribution's own viewer-request function ({@link ViewerRequestFunction}: old addresses answer
 * 301, and page URLs map to their objects as {@link SiteLayout#objectKey} says), the object's own
 * {@code Content-Type} and {@code Cache-Control}, {@code ETag} revalidation, GET and HEAD only, and
 * {@code /404.html} with status 404 for a missing object. {@code /api/} goes to the {@link HttpApi},
 * {@code /desk/} too after the viewer-request function ({@code /desk/} is {@code /desk/index.html}),
 * and {@code /_local/captcha.js} is the captcha widget stand-in.
 */
final class SiteFront implements AutoCloseable {

    private static final String NOT_FOUND_PAGE = "404.html";
    /** What the distribution's /assets/* behaviour adds (template.yaml, AssetHeaders). */
    static final String ASSET_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";
    /** Where the captcha widget stand-in is served; pages load it in place of the provider's script. */
    static final String LOCAL_CAPTCHA_PATH = "/_local/captcha.js";
    private static final byte[] LOCAL_CAPTCHA = resource("/local-captcha.js");

    /** The distribution's /desk/* behaviour: the viewer-request function, then the HTTP API (template.yaml). */
    private static final String DESK = "/desk/";

    /** API Gateway's payload limit for HTTP APIs. */
    private static final int MAX_API_BODY = 10 * 1024 * 1024;

    private final HttpServer server;
    private final S3Client s3;
    private final String siteBucket;
    private HttpApi api;
    private ViewerRequestFunction viewerRequest;

    /** Binds the port, so the address is known before the functions that need it are built. */
    SiteFront(int port, S3Client s3, String siteBucket, ExecutorService executor) throws IOException {
        this.s3 = s3;
        this.siteBucket = siteBucket;
        this.server = LoopbackHttpServer.create(port, 64);
        server.setExecutor(executor);
    }

    void start(HttpApi httpApi, ViewerRequestFunction viewerRequestFunction) {
        this.api = httpApi;
        this.viewerRequest = viewerRequestFunction;
        server.createContext("/", this::serve);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/api/") || path.equals("/api")) {
                serveApi(exchange, exchange.getRequestURI().getRawPath());
                return;
            }
            if (path.equals(LOCAL_CAPTCHA_PATH)) {
                send(exchange, 200, "text/javascript; charset=utf-8", "no-cache", null, LOCAL_CAPTCHA);
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", null, null, "Method not allowed\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            ViewerRequestFunction.Outcome outcome = viewerRequest.handle(method, exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery());
            if (outcome instanceof ViewerRequestFunction.Answer answer) {
                answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
                exchange.sendResponseHeaders(answer.status(), -1);
                return;
            }
            if (path.startsWith(DESK)) {
                serveApi(exchange, ((ViewerRequestFunction.Forward) outcome).uri());
                return;
            }
            // S3 decodes the path the distribution forwards into the object's key.
            String key = URLDecoder.decode(((ViewerRequestFunction.Forward) outcome).uri().replace("+", "%2B"),
                    StandardCharsets.UTF_8).substring(1);
            boolean climbs = java.util.Arrays.asList(key.split("/")).contains("..");
            Optional<ResponseBytes<GetObjectResponse>> object = climbs ? Optional.empty() : get(key);
            if (object.isPresent()) {
                GetObjectResponse meta = object.get().response();
                String eTag = meta.eTag();
                if (eTag != null && eTag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.getResponseHeaders().set("ETag", eTag);
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                if (path.startsWith("/assets/")) {
                    exchange.getResponseHeaders().set("Content-Security-Policy", ASSET_POLICY);
                    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
                }
                send(exchange, 200, meta.contentType(), meta.cacheControl(), eTag, object.get().asByteArray());
                return;
            }
            Optional<ResponseBytes<GetObjectResponse>> notFound = get(NOT_FOUND_PAGE);
            byte[] body = notFound.map(ResponseBytes::asByteArray)
                    .orElse("<!DOCTYPE html><title>Not found</title><h1>Not found</h1>\n".getBytes(StandardCharsets.UTF_8));
            // CloudFront's error response for 404 is cached for ErrorCachingMinTTL (60 s) in template.yaml.
            send(exchange, 404, "text/html; charset=utf-8", "max-age=60", null, body);
        }
    }

    private void serveApi(HttpExchange exchange, String rawPath) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_API_BODY + 1);
        HttpApi.Response response = body.length > MAX_API_BODY
                ? HttpApi.Response.json(413, "{\"message\":\"Request Entity Too Large\"}")
                : api.handle(new HttpApi.Request(exchange.getRequestMethod(), rawPath,
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body,
                        exchange.getRemoteAddress().getAddress().getHostAddress()));
        response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        boolean empty = response.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    private Optional<ResponseBytes<GetObjectResponse>> get(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(siteBucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String cacheControl, String eTag,
                             byte[] body) throws IOException {
        var headers = exchange.getResponseHeaders();
        if (contentType != null) {
            headers.set("Content-Type", contentType);
        }
        if (cacheControl != null) {
            headers.set("Cache-Control", cacheControl);
        }
        if (eTag != null) {
            headers.set("ETag", eTag);
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] resource(String name) {
        try (var in = SiteFront.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing resource " + name, e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        if (viewerRequest != null) {
            viewerRequest.close();
        }
    }
}
