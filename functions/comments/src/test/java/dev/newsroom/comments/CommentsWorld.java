package dev.newsroom.comments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.core.article.SiteRules;
import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.MarkdownRenderer;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.site.ArticlePaths;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.store.ArticleStore;
import dev.newsroom.core.store.Sequencer;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.FunctionEnvironment;
import dev.newsroom.testkit.LambdaContext;
import dev.newsroom.testkit.LocalServices;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import dev.newsroom.testkit.SiteverifyServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The comments function wired as {@code template.yaml} wires it, against DynamoDB Local and the
 * local siteverify server, driven with real-shaped API Gateway v2 events.
 */
final class CommentsWorld {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String SITE = "https://news.example.org";
    static final String CAPTCHA_SECRET = "local-captcha-secret-for-tests";
    static final String ORIGIN_SECRET = "local-origin-secret-for-tests";
    private static final AtomicInteger TOKENS = new AtomicInteger();
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    final Provisioned local;
    final SiteverifyServer siteverify;
    final Map<String, String> environment;
    final CommentsHandler handler;
    final String id = UUID.randomUUID().toString().substring(0, 8);
    /** A client address of this world's own, so rate limits of one test never touch another's. */
    final String ip = "198.51.100." + (CLIENTS.incrementAndGet() % 250 + 1);

    CommentsWorld(Provisioned local, SiteverifyServer siteverify, Path secrets, Map<String, String> extra) {
        this(local, siteverify, secrets, extra, Clock.systemUTC());
    }

    CommentsWorld(Provisioned local, SiteverifyServer siteverify, Path secrets, Map<String, String> extra, Clock clock) {
        this.local = local;
        this.siteverify = siteverify;
        this.environment = environment(local, siteverify, secrets, extra);
        this.handler = new CommentsHandler(new Env(environment), clock);
    }

    /**
     * The system clock set back to the start of the current minute, so that every post of a test
     * shorter than a minute falls in one rate-limit window (which are calendar minutes).
     */
    static Clock atMinuteStart() {
        return Clock.offset(Clock.systemUTC(), Duration.ofMillis(-(System.currentTimeMillis() % 60_000)));
    }

    static Map<String, String> environment(Provisioned local, SiteverifyServer siteverify, Path secrets, Map<String, String> extra) {
        try {
            Path captcha = Files.writeString(secrets.resolve("captcha-secret"), CAPTCHA_SECRET);
            Path signing = Files.writeString(secrets.resolve("signing-secret"), "local-signing-secret-for-tests");
            Path origin = Files.writeString(secrets.resolve("origin-secret"), ORIGIN_SECRET);
            Map<String, String> overrides = new HashMap<>(Map.of(
                    "SITE_URL", SITE, "CDN_URL", "https://d111111abcdef8.cloudfront.net",
                    "AWS_REGION", LocalServices.REGION.id(), "AWS_ACCESS_KEY_ID", LocalServices.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", LocalServices.SECRET_KEY,
                    "AWS_ENDPOINT_URL_DYNAMODB", local.services().dynamoEndpoint().toString(),
                    "CAPTCHA_SECRET_PARAMETER", "", "SIGNING_SECRET_PARAMETER", "",
                    "STAFF_NAMES", "Rosa Staffer", "SITE_NAME", "The Daily Example"));
            overrides.put("CAPTCHA_SECRET_FILE", captcha.toString());
            overrides.put("SIGNING_SECRET_FILE", signing.toString());
            overrides.put("DESK_SIGN_IN_URL", "https://newsroom-desk.auth.us-east-1.amazoncognito.com");
            overrides.put("DESK_CLIENT_ID", "desk-client");
            overrides.put("ORIGIN_SECRET_PARAMETER", "");
            overrides.put("ORIGIN_SECRET_FILE", origin.toString());
            overrides.put("CAPTCHA_VERIFY_URL", siteverify.url("recaptcha").toString());
            overrides.putAll(extra);
            return FunctionEnvironment.resolve(CloudFormationTemplate.ofRepository(), "CommentsFunction", local.names(), overrides);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Publishes an article straight into the articles table, as the publish function would; returns
     * its path's token, which the routes name it by ({@link ArticlePaths#token}).
     */
    String article(String name, String extraFrontMatter) {
        String slug = id + "-" + name;
        try {
            Article article = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, "The Daily Example", ZoneOffset.UTC).parse(
                    "articles/" + slug + ".md", ("---\ntitle: " + name + "\ndate: 2026-11-20\ncategory: City\n"
                            + extraFrontMatter + "\n---\nText.\n").getBytes(StandardCharsets.UTF_8));
            new ArticleStore(local.services().dynamoDb(), local.name("ArticlesTable")).save(StoredArticle.first(article,
                    dev.newsroom.core.article.Timing.status(article.metadata(), Instant.now()), "articles/" + slug + ".md",
                    Sequencer.normalise("01"), "hash", Instant.now()));
            return ArticlePaths.token(article.path());
        } catch (dev.newsroom.core.article.InvalidArticleException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path a route's token stands for. */
    static String path(String token) {
        return ArticlePaths.fromToken(token).orElseThrow();
    }

    /** A fresh single-use token of the given kind, as the widget would hand out. */
    static String token(String kind) {
        return kind + ":" + TOKENS.incrementAndGet() + "-" + UUID.randomUUID();
    }

    static String comment(String name, String body, String token) {
        return JSON.createObjectNode().put("name", name).put("body", body).put("captchaToken", token).toString();
    }

    APIGatewayV2HTTPEvent postEvent(String article, String contentType, String body) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(
                CloudFormationTemplate.repositoryRoot().resolve("events/api-post-comment.json").toString());
        event.setPathParameters(Map.of("article", article));
        event.setRawPath("/api/articles/" + article + "/comments");
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("content-type", contentType);
        headers.put("origin", SITE);
        event.setHeaders(headers);
        event.setBody(body);
        event.getRequestContext().getHttp().setSourceIp(ip);
        return event;
    }

    APIGatewayV2HTTPResponse post(String article, String json) {
        return handle(postEvent(article, "application/json", json));
    }

    /** A reader's report of a comment, from the page's script, from the reader at {@code ip}. */
    APIGatewayV2HTTPResponse report(String article, String id, String reason, String ip) {
        APIGatewayV2HTTPEvent event = postEvent(article, "application/json", "{\"reason\":\"" + reason + "\"}");
        String path = "/api/articles/" + article + "/comments/" + id + "/report";
        event.setRouteKey("POST /api/articles/{article}/comments/{id}/report");
        event.getRequestContext().setRouteKey(event.getRouteKey());
        event.setRawPath(path);
        event.getRequestContext().getHttp().setPath(path);
        event.setPathParameters(Map.of("article", article, "id", id));
        event.getRequestContext().getHttp().setSourceIp(ip);
        return handle(event);
    }

    APIGatewayV2HTTPResponse list(String article, Map<String, String> query) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(
                CloudFormationTemplate.repositoryRoot().resolve("events/api-list-comments.json").toString());
        event.setPathParameters(Map.of("article", article));
        event.setQueryStringParameters(query);
        return handle(event);
    }

    /** The claims of a moderator's access token, as API Gateway's JWT authorizer passes them on. */
    static final Map<String, String> MODERATOR = claims("rosa", "[moderators]");
    /** An editor's: may read the queues and feature, not decide. */
    static final Map<String, String> EDITOR = claims("ed", "[editors]");

    static Map<String, String> claims(String username, String groups) {
        Map<String, String> claims = new HashMap<>(Map.of("username", username, "token_use", "access",
                "scope", "openid email newsroom/desk", "client_id", "desk-client"));
        if (groups != null) {
            claims.put("cognito:groups", groups);
        }
        return claims;
    }

    /**
     * A request to the moderation route ({@code ANY /api/moderation/{proxy+}}) as API Gateway sends it
     * once its JWT authorizer has let the token through ({@code events/api-moderation-approve.json}):
     * {@code path} is below {@code /api/moderation/}, and {@code claims} the token's (none: a request
     * that reached the function without the authorizer).
     */
    APIGatewayV2HTTPResponse moderate(String method, String path, Map<String, String> query, String body,
                                      Map<String, String> claims) {
        return moderate(method, path, query, body, claims, null);
    }

    /** As {@link #moderate(String, String, Map, String, Map)}, from a page of {@code origin} (null: from no page, as a script calls). */
    APIGatewayV2HTTPResponse moderate(String method, String path, Map<String, String> query, String body,
                                      Map<String, String> claims, String origin) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(
                CloudFormationTemplate.repositoryRoot().resolve("events/api-moderation-approve.json").toString());
        event.setRawPath("/api/moderation/" + path);
        event.getRequestContext().getHttp().setMethod(method);
        event.getRequestContext().getHttp().setPath("/api/moderation/" + path);
        event.setPathParameters(Map.of("proxy", path));
        event.setQueryStringParameters(query);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.remove("origin");
        if (origin != null) {
            headers.put("origin", origin);
        }
        if (body != null) {
            headers.put("content-type", "application/json");
            event.setBody(body);
        }
        event.setHeaders(headers);
        if (claims.isEmpty()) {
            event.getRequestContext().setAuthorizer(null);
        } else {
            event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        }
        return handle(event);
    }

    /** Hands the function the event as API Gateway sends it, in JSON, and reads its JSON answer as Lambda's runtime would. */
    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        ClassLoader loader = getClass().getClassLoader();
        var json = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, loader).toJson(event, json);
        var answer = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(json.toByteArray()), answer, LambdaContext.invocationOf("CommentsFunction", 30));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, loader).fromJson(answer.toString(StandardCharsets.UTF_8));
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
