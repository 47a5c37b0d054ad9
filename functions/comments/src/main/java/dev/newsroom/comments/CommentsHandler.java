package dev.newsroom.comments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.newsroom.core.article.Slugs;
import dev.newsroom.core.aws.AwsClients;
import dev.newsroom.core.aws.SnapshotPriming;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.logging.JsonLogs;
import dev.newsroom.core.logging.LogSettings;
import dev.newsroom.core.json.Json;
import dev.newsroom.core.site.SiteLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The comments function behind the HTTP API: {@code POST} and {@code GET}
 * {@code /api/articles/{slug}/comments}. It reads the request (size first, then type, then
 * content), hands it to {@link CommentsService}, and maps the outcome to an answer in one place.
 * It reads API Gateway's event, and writes its answer, as JSON itself ({@link ApiRequest},
 * {@link ApiResponse}): Lambda's serialisation of its event classes took a third of its cold start.
 */
public final class CommentsHandler implements RequestStreamHandler, SnapshotPriming.Primable {

    private static final Logger LOG = LoggerFactory.getLogger(CommentsHandler.class);
    /** Larger bodies are refused before parsing (G1). */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final CommentsService service;
    private final Moderation moderation;
    private final CommentsConfig config;
    /** Locally, moderators present this token; on AWS, API Gateway's IAM authorisation guards the routes. */
    private final Optional<String> moderatorToken;
    /** What CloudFront sends with every request it forwards (X-Origin-Verify). */
    private final Optional<String> originSecret;
    private final LogSettings logs;
    private final SnapshotPriming priming;
    /** What priming parses and checks: a comment as the form's script sends it. */
    private static final byte[] SAMPLE_COMMENT = ("{\"name\":\"Sample Reader\",\"body\":\"A comment that priming parses and"
            + " checks, and never stores.\",\"captchaToken\":\"sample\"}").getBytes(StandardCharsets.UTF_8);

    /** What Lambda calls: configuration from the process environment. */
    public CommentsHandler() {
        this(System.getenv());
    }

    /** Configuration from an environment-style map, as the local stack passes the template's variables. */
    public CommentsHandler(Map<String, String> environment) {
        this(new Env(environment), Clock.systemUTC());
    }

    CommentsHandler(Env env, Clock clock) {
        this.config = CommentsConfig.from(env);
        this.logs = LogSettings.from(env);
        AwsClients clients = new AwsClients(env);
        Signer signer;
        SiteverifyClient captcha;
        try (Secrets secrets = new Secrets(env, () -> SsmClient.builder().httpClient(clients.http())
                .region(clients.region()).credentialsProvider(clients.credentials()).build())) {
            signer = new Signer(secrets.read("SIGNING_SECRET"));
            captcha = new SiteverifyClient(config.siteverifyUrl(), secrets.read("CAPTCHA_SECRET"),
                    config.captchaSiteKey(), config.captcha(), clock);
            this.moderatorToken = secrets.optional("MODERATION_TOKEN");
            this.originSecret = secrets.optional("ORIGIN_SECRET");
        }
        this.service = new CommentsService(config, clients.dynamoDb(), captcha, signer, clock);
        this.moderation = service.moderation();
        this.priming = SnapshotPriming.register(this);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ApiRequest request = ApiRequest.of(Json.readEvent(input));
        String requestId = context == null ? "local" : context.getAwsRequestId();
        output.write(JsonLogs.during(logs, context, () -> respond(request, requestId)).json());
    }

    private ApiResponse respond(ApiRequest event, String requestId) {
        long start = System.nanoTime();
        Map<String, String> headers = corsHeaders(event);
        String slug = event.pathParameters().getOrDefault("slug", "");
        String method = "?";
        ApiResponse response;
        try {
            method = event.method().orElseThrow(() -> new IllegalArgumentException("the event has no requestContext.http.method"));
            if (event.routeKey().contains("/api/moderation/")) {
                response = moderate(event, slug);
            } else {
                if (!Slugs.isSafe(slug)) {
                    throw ApiError.of(ErrorKind.ARTICLE_NOT_FOUND);
                }
                response = switch (method) {
                    case "GET" -> list(slug, event, headers);
                    case "POST" -> post(slug, event, headers);
                    default -> throw ApiError.of(ErrorKind.METHOD_NOT_ALLOWED);
                };
            }
        } catch (ApiError e) {
            response = isForm(event) && e.kind() != ErrorKind.PAYLOAD_TOO_LARGE && e.kind() != ErrorKind.UNSUPPORTED_MEDIA_TYPE
                    ? Responses.redirect(articleUrl(slug) + "?comment_error=" + e.kind().code() + "#comments")
                    : Responses.error(e, headers);
        } catch (SdkException e) {
            LOG.atError().addKeyValue("slug", slug).addKeyValue("reason", e.getClass().getSimpleName() + ": " + e.getMessage())
                    .log("storage unavailable");
            response = Responses.error(ApiError.of(ErrorKind.STORAGE_UNAVAILABLE), headers);
        } catch (RuntimeException e) {
            LOG.atError().addKeyValue("slug", slug).addKeyValue("reason", e.getClass().getName() + ": " + e.getMessage())
                    .log("failed");
            response = Responses.internal(requestId, headers);
        }
        LOG.atInfo().addKeyValue("slug", slug).addKeyValue("status", response.statusCode())
                .addKeyValue("durationMs", (System.nanoTime() - start) / 1_000_000)
                .log(method + " comments → " + response.statusCode());
        return response;
    }

    private ApiResponse list(String slug, ApiRequest event, Map<String, String> headers) {
        CommentsService.Listing listing = service.list(slug, query(event, "cursor"), query(event, "limit"));
        Map<String, String> cacheable = new HashMap<>(headers);
        cacheable.put("Cache-Control", "public, max-age=30, stale-while-revalidate=60");
        return Responses.json(200, listing(listing, false), cacheable);
    }

    /** Comments as readers see them; moderators also see each comment's article, status and score. */
    private static Map<String, Object> listing(CommentsService.Listing listing, boolean forModerators) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<Map<String, Object>> array = new ArrayList<>();
        body.put("comments", array);
        for (Comment c : listing.comments()) {
            Map<String, Object> item = new LinkedHashMap<>();
            array.add(item);
            item.put("id", c.id());
            if (forModerators) {
                item.put("slug", c.slug());
                item.put("status", c.status());
                c.score().ifPresent(score -> item.put("score", score));
            }
            c.parentId().ifPresent(p -> item.put("parentId", p));
            item.put("name", c.name());
            c.website().ifPresent(w -> item.put("website", w));
            item.put("body", c.body());
            item.put("createdAt", c.createdAt().toString());
        }
        listing.nextCursor().ifPresent(cursor -> body.put("nextCursor", cursor));
        return body;
    }

    /** The moderation routes: IAM-authorised on AWS, a bearer token locally; nobody else (403). */
    private ApiResponse moderate(ApiRequest event, String slug) {
        boolean iam = event.iamAuthorised();
        String presented = Optional.ofNullable(event.header("authorization")).orElse("");
        boolean token = moderatorToken.isPresent() && java.security.MessageDigest.isEqual(
                ("Bearer " + moderatorToken.get()).getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
        if (!iam && !token) {
            throw ApiError.of(ErrorKind.FORBIDDEN);
        }
        String id = event.pathParameters().getOrDefault("id", "");
        Map<String, Object> done = new LinkedHashMap<>();
        switch (event.routeKey()) {
            case "GET /api/moderation/comments" -> {
                return Responses.json(200, listing(moderation.queue(query(event, "queue").orElse(Comment.PENDING),
                        query(event, "cursor"), query(event, "limit")), true), Map.of());
            }
            case "POST /api/moderation/comments/{slug}/{id}/approve" -> moderation.setStatus(slug, id, Comment.APPROVED);
            case "POST /api/moderation/comments/{slug}/{id}/spam" -> moderation.setStatus(slug, id, Comment.SPAM);
            case "DELETE /api/moderation/comments/{slug}/{id}" -> moderation.delete(slug, id);
            case "POST /api/moderation/erasure" -> done.put("erased", moderation.erase(
                    json(body(event)).get("email").orElse("")));
            default -> throw ApiError.of(ErrorKind.ROUTE_NOT_FOUND);
        }
        done.put("ok", true);
        return Responses.json(200, done, Map.of());
    }

    /**
     * The reader's address. Behind CloudFront, API Gateway sees CloudFront's address; the reader's
     * is in {@code CloudFront-Viewer-Address}, trusted only on requests that carry the
     * distribution's origin secret, since anyone can call the API directly and set headers.
     */
    private String clientAddress(ApiRequest event) {
        String viewer = event.header("cloudfront-viewer-address");
        String proof = event.header("x-origin-verify");
        if (viewer != null && proof != null && originSecret.isPresent() && java.security.MessageDigest.isEqual(
                originSecret.get().getBytes(StandardCharsets.UTF_8), proof.getBytes(StandardCharsets.UTF_8))) {
            int port = viewer.lastIndexOf(':');
            return port > 0 ? viewer.substring(0, port) : viewer;
        }
        return event.sourceIp();
    }

    private static Optional<String> query(ApiRequest event, String name) {
        return Optional.ofNullable(event.query().get(name)).filter(v -> !v.isEmpty());
    }

    private ApiResponse post(String slug, ApiRequest event, Map<String, String> headers) {
        String origin = event.header("origin");
        if (origin != null && !config.allowedOrigins().contains(origin)) {
            throw ApiError.of(ErrorKind.ORIGIN_NOT_ALLOWED);
        }
        byte[] raw = body(event);
        if (raw.length > MAX_BODY_BYTES) {
            throw ApiError.of(ErrorKind.PAYLOAD_TOO_LARGE);
        }
        String type = Optional.ofNullable(event.header("content-type")).orElse("").toLowerCase(Locale.ROOT);
        CommentInput input;
        if (type.startsWith("application/json")) {
            input = json(raw);
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            input = form(new String(raw, StandardCharsets.UTF_8));
        } else {
            throw ApiError.of(ErrorKind.UNSUPPORTED_MEDIA_TYPE);
        }
        CommentsService.Posted posted = service.post(slug, input, clientAddress(event));
        if (isForm(event)) {
            return Responses.redirect(articleUrl(slug) + "?comment=" + posted.status() + "#comments");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", posted.id());
        body.put("status", posted.status());
        body.put("message", posted.status().equals(Comment.APPROVED) ? "Thank you for your comment."
                : "Thank you. Your comment is awaiting moderation.");
        return Responses.json(posted.status().equals(Comment.APPROVED) ? 201 : 202, body, headers);
    }

    /** Warms a comment's path, writing nothing (SnapStart): parses and checks a sample comment, reads an article item. */
    @Override
    public void prime() {
        service.prime(json(SAMPLE_COMMENT));
    }

    private static CommentInput json(byte[] raw) {
        Object node;
        try {
            node = Json.read(raw);
        } catch (IOException e) {
            throw ApiError.of(ErrorKind.INVALID_JSON);
        }
        if (!(node instanceof Map)) {
            throw ApiError.of(ErrorKind.INVALID_JSON, "The body must be a JSON object.");
        }
        Map<String, String> fields = new HashMap<>();
        for (Map.Entry<String, Object> field : Json.object(node).entrySet()) {
            if (field.getValue() == null) {
                continue;
            }
            if (!(field.getValue() instanceof String text)) {
                throw ApiError.of(ErrorKind.INVALID_FIELD, field.getKey() + " must be text.",
                        Map.of(field.getKey(), "This must be text."));
            }
            fields.put(field.getKey(), text);
        }
        return new CommentInput(fields);
    }

    private static CommentInput form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (fields.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1))) != null) {
                throw ApiError.of(ErrorKind.INVALID_FORM, name + " is given twice.");
            }
        }
        return new CommentInput(fields);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.of(ErrorKind.INVALID_FORM);
        }
    }

    private static byte[] body(ApiRequest event) {
        if (event.base64Encoded()) {
            try {
                return Base64.getDecoder().decode(event.body());
            } catch (IllegalArgumentException e) {
                throw ApiError.of(ErrorKind.INVALID_BODY);
            }
        }
        return event.body().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isForm(ApiRequest event) {
        return Optional.ofNullable(event.header("content-type")).orElse("").toLowerCase(Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded");
    }

    private Map<String, String> corsHeaders(ApiRequest event) {
        String origin = event.header("origin");
        if (origin == null || !config.allowedOrigins().contains(origin)) {
            return Map.of();
        }
        return Map.of("Access-Control-Allow-Origin", origin, "Vary", "Origin");
    }

    private String articleUrl(String slug) {
        return config.site().absolute(SiteLayout.articlePath(Slugs.isSafe(slug) ? slug : ""));
    }
}
