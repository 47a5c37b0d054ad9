package dev.newsroom.comments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.newsroom.core.aws.AwsClients;
import dev.newsroom.core.aws.SnapshotPriming;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.json.Json;
import dev.newsroom.core.logging.EmbeddedMetrics;
import dev.newsroom.core.logging.JsonLogs;
import dev.newsroom.core.logging.LogSettings;
import dev.newsroom.core.render.PageRenderer;
import dev.newsroom.core.site.ArticlePaths;
import dev.newsroom.core.settings.SiteSettings;
import dev.newsroom.core.store.ArticleStore;
import dev.newsroom.core.store.SiteSettingsStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The comments function behind the HTTP API: {@code POST} and {@code GET}
 * {@code /api/articles/{article}/comments}, the moderation routes ({@link ModerationRoutes}), and the
 * desk's page ({@link DeskPage}). It
 * wires the parts, routes each request, and maps every outcome to an answer in one place. It reads
 * API Gateway's event, and writes its answer, as JSON itself ({@link ApiRequest}, {@link ApiResponse}):
 * Lambda's serialisation of its event classes took a third of its cold start.
 */
public final class CommentsHandler implements RequestStreamHandler, SnapshotPriming.Primable {

    private static final Logger LOG = LoggerFactory.getLogger(CommentsHandler.class);
    /** What priming parses and checks: a comment as the form's script sends it, an emoji sequence in its name (ICU's data, loaded before the snapshot). */
    private static final byte[] SAMPLE_COMMENT = ("{\"name\":\"Sample Reader \\ud83d\\udc69\\u200d\\ud83d\\udcbb\",\"body\":\"A comment that"
            + " priming parses and checks, and never stores: mc\u00b2.\",\"captchaToken\":\"sample\"}").getBytes(StandardCharsets.UTF_8);

    private final CommentsConfig config;
    private final CommentsService service;
    private final SiteOrigins origins;
    private final ModerationRoutes moderation;
    private final DeskPage desk;
    private final PageRenderer pages;
    private static final String HTML = "text/html; charset=utf-8";
    /** The API's OpenAPI 3.1 document, as the repository holds it, and where it is served. */
    static final String OPENAPI_ROUTE = "GET /api/openapi.json";
    private static final String OPENAPI = openApi();
    /** The answer page runs nothing and posts only back to the API. */
    private static final Map<String, String> ANSWER_HEADERS = Map.of("Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    private final ReaderAddress readerAddress;
    private final LogSettings logs;
    private final SnapshotPriming priming;

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
        this.origins = new SiteOrigins(config.allowedOrigins());
        AwsClients clients = new AwsClients(env);
        try (Secrets secrets = new Secrets(env, () -> SsmClient.builder().httpClient(clients.http())
                .region(clients.region()).credentialsProvider(clients.credentials()).build())) {
            SiteverifyClient captcha = new SiteverifyClient(config.siteverifyUrl(), secrets.optional("CAPTCHA_SECRET"),
                    config.captchaSiteKey(), config.captcha(), clock);
            captcha.closedBecause().ifPresent(reason -> LOG.atError().addKeyValue("reason", reason)
                    .log("configuration error: comments cannot be posted until it is fixed; listing goes on"));
            ClientLimits limits = new ClientLimits(clients.dynamoDb(), config.clientLimitsTable());
            ArticleStore articles = new ArticleStore(clients.dynamoDb(), config.articlesTable());
            this.service = new CommentsService(config, articles,
                    new CommentStore(clients.dynamoDb(), config.commentsTable()), limits, captcha,
                    new Signer(secrets.read("SIGNING_SECRET")),
                    new SiteCommentRules(new SiteSettingsStore(clients.dynamoDb(), config.uploadsTable(), SiteSettings.KEY), clock), clock);
            this.pages = new PageRenderer(config.site());
            this.moderation = new ModerationRoutes(service.moderation(),
                    new Previews(articles, pages), config.site().origin());
            this.desk = new DeskPage(config.site(), pages, config.deskSignIn(), config.deskClientId());
            this.readerAddress = new ReaderAddress(secrets.optional("ORIGIN_SECRET"));
        }
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
        Map<String, String> headers = origins.corsHeaders(event);
        String token = event.pathParameters().getOrDefault("article", "");
        String article = ArticlePaths.fromToken(token).orElse("");
        String method = "?";
        ApiResponse response;
        // What a comment POST counts as in the metrics, once known.
        Optional<String> postCounted = Optional.empty();
        try {
            method = event.method().orElseThrow(() -> new IllegalArgumentException("the event has no requestContext.http.method"));
            if (event.routeKey().startsWith("ANY /api/moderation/")) {
                response = moderation.handle(event);
            } else if (event.routeKey().equals(OPENAPI_ROUTE)) {
                response = Responses.page(OPENAPI, "application/json; charset=utf-8", "public, max-age=300", Map.of());
            } else if (event.routeKey().equals("ANY /desk/{file}")) {
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    throw ApiError.of(ErrorKind.METHOD_NOT_ALLOWED);
                }
                response = desk.serve(event.pathParameters().getOrDefault("file", ""));
            } else if (event.routeKey().equals("POST /api/articles/{article}/comments/{id}/report")) {
                origins.requireAllowed(event);
                if (article.isEmpty()) {
                    throw ApiError.of(ErrorKind.ARTICLE_NOT_FOUND);
                }
                boolean counted = service.report(article, event.pathParameters().getOrDefault("id", ""), RequestDecoder.comment(event),
                        readerAddress.of(event));
                response = Responses.json(202, CommentJson.reported(counted), headers);
            } else if (article.isEmpty()) {
                throw ApiError.of(ErrorKind.ARTICLE_NOT_FOUND);
            } else {
                if (method.equals("POST")) {
                    postCounted = Optional.of(REJECTED);
                }
                response = switch (method) {
                    case "GET" -> list(article, event, headers);
                    case "POST" -> {
                        Posting posting = post(article, event, headers);
                        postCounted = posting.counted();
                        yield posting.response();
                    }
                    default -> throw ApiError.of(ErrorKind.METHOD_NOT_ALLOWED);
                };
            }
        } catch (ApiError e) {
            response = Responses.error(e, headers);
        } catch (SdkException e) {
            LOG.atError().addKeyValue("article", token).addKeyValue("reason", e.getClass().getSimpleName() + ": " + e.getMessage())
                    .log("storage unavailable");
            response = Responses.error(ApiError.of(ErrorKind.STORAGE_UNAVAILABLE), headers);
        } catch (RuntimeException e) {
            LOG.atError().addKeyValue("article", token).addKeyValue("reason", e.getClass().getName() + ": " + e.getMessage())
                    .log("failed");
            response = Responses.internal(requestId, headers);
        }
        // A refusal counts as rejected; a fault (5xx) is the function's error, which its own alarm watches.
        if (response.statusCode() < 500) {
            postCounted.ifPresent(metric -> EmbeddedMetrics.record("comment POST", EmbeddedMetrics.Metrics.of(metric, EmbeddedMetrics.Value.count(1))));
        }
        LOG.atInfo().addKeyValue("article", token).addKeyValue("status", response.statusCode())
                .addKeyValue("durationMs", (System.nanoTime() - start) / 1_000_000)
                .log(method + " comments → " + response.statusCode());
        return response;
    }

    private ApiResponse list(String article, ApiRequest event, Map<String, String> headers) {
        CommentsService.Listing listing = service.list(article, event.queryParameter("cursor"), event.queryParameter("limit"));
        Map<String, String> cacheable = new HashMap<>(headers);
        cacheable.put("Cache-Control", "public, max-age=30, stale-while-revalidate=60");
        return Responses.json(200, CommentJson.forReaders(listing), cacheable);
    }

    /** The metrics a comment POST counts in (template.yaml's dashboard names them). */
    public static final String POSTED = "CommentsPosted";
    public static final String HELD = "CommentsHeld";
    public static final String REJECTED = "CommentsRejected";

    /** The answer to a comment POST, and what it counts as: nothing for a repeat of a post already stored. */
    private record Posting(ApiResponse response, Optional<String> counted) {

        static Posting of(ApiResponse response, CommentsService.Posted posted) {
            return new Posting(response, posted.repeated() ? Optional.empty() : Optional.of(switch (posted.status()) {
                case Comment.APPROVED -> POSTED;
                case Comment.SPAM -> REJECTED;
                default -> HELD;
            }));
        }
    }

    private Posting post(String article, ApiRequest event, Map<String, String> headers) {
        origins.requireAllowed(event);
        CommentInput input = RequestDecoder.comment(event);
        if (!RequestDecoder.isForm(event)) {
            CommentsService.Posted posted = service.post(article, input, readerAddress.of(event), false);
            return Posting.of(Responses.json(posted.published() ? 201 : 202, CommentJson.posted(posted), headers), posted);
        }
        // The form without script: a page of its own answers, on the site's origin.
        try {
            CommentsService.Posted posted = service.post(article, input, readerAddress.of(event), true);
            return Posting.of(Responses.page(pages.commentAnswer(service.language(article), posted.published(), List.of(), article, Map.of()),
                    HTML, "no-store", ANSWER_HEADERS), posted);
        } catch (ApiError refused) {
            List<String> errors = refused.fields().isEmpty() ? List.of(refused.getMessage()) : List.copyOf(refused.fields().values());
            Map<String, String> answer = new HashMap<>(ANSWER_HEADERS);
            refused.retryAfterSeconds().ifPresent(seconds -> answer.put("Retry-After", Long.toString(seconds)));
            return new Posting(Responses.page(refused.kind().status(), pages.commentAnswer(service.language(article), false, errors, article,
                    input.fields()), HTML, "no-store", answer), Optional.of(REJECTED));
        }
    }

    private static String openApi() {
        try (InputStream in = CommentsHandler.class.getResourceAsStream("openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Warms a comment's path, writing nothing (SnapStart): parses and checks a sample comment, reads an article item. */
    @Override
    public void prime() {
        service.prime(RequestDecoder.json(SAMPLE_COMMENT));
    }
}
