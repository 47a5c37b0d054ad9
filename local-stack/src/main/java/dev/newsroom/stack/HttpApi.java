package dev.newsroom.stack;

import dev.newsroom.testkit.LocalJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays an API Gateway HTTP API in front of the template's functions: each request becomes the
 * exact version 2.0 event (lower-case headers with repeats joined by commas, cookies apart, query
 * parameters, path parameters, base64 for binary bodies), the function answers through the Lambda
 * runtime's serialisation, and the answer maps back (status, headers, cookies, base64 bodies; a
 * response without {@code statusCode} is a 200 JSON body, as API Gateway infers it). A route behind a
 * JWT authorizer reaches its function only with a token the {@link JwtAuthorizer} lets through, and
 * with the token's claims in the event.
 */
final class HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final List<HttpApiRoute> routes;
    private final Map<String, LocalFunction> functions;
    private final Map<String, JwtAuthorizer> authorizers;

    /** @param authorizers the template's JWT authorizers by name: every route's authorizer must be one */
    HttpApi(List<HttpApiRoute> routes, Map<String, LocalFunction> functions, Map<String, JwtAuthorizer> authorizers) {
        routes.forEach(route -> route.authorizer().filter(name -> !authorizers.containsKey(name)).ifPresent(name -> {
            throw new IllegalArgumentException(route.routeKey() + " names the authorizer " + name
                    + ", which is not a JWT authorizer of the template's HTTP API");
        }));
        this.routes = List.copyOf(routes);
        this.functions = Map.copyOf(functions);
        this.authorizers = Map.copyOf(authorizers);
    }

    record Request(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
                   String sourceIp) {
    }

    record Response(int status, Map<String, List<String>> headers, byte[] body) {

        static Response json(int status, String json) {
            return new Response(status, Map.of("Content-Type", List.of("application/json")), json.getBytes(StandardCharsets.UTF_8));
        }
    }

    Response handle(Request request) {
        for (HttpApiRoute route : routes) {
            Optional<Map<String, String>> parameters;
            try {
                parameters = route.match(request.method(), request.path());
            } catch (IllegalArgumentException badEncoding) {
                return Response.json(400, "{\"message\":\"Bad Request\"}");
            }
            if (parameters.isPresent()) {
                return invoke(route, parameters.get(), request);
            }
        }
        return Response.json(404, "{\"message\":\"Not Found\"}");
    }

    private Response invoke(HttpApiRoute route, Map<String, String> parameters, Request request) {
        long start = System.nanoTime();
        String what = route.functionId() + " " + request.method() + " " + request.path();
        ObjectNode event = event(route, parameters, request);
        if (route.authorizer().isPresent()) {
            JwtAuthorizer.Outcome outcome = authorizers.get(route.authorizer().get())
                    .check(event.path("headers").path("authorization").asText(null), route.scopes());
            if (outcome instanceof JwtAuthorizer.Refused refused) {
                LOG.info("{} → {} by the JWT authorizer: {}", what, refused.status(), refused.wwwAuthenticate());
                return new Response(refused.status(), Map.of("Content-Type", List.of("application/json"),
                        "www-authenticate", List.of(refused.wwwAuthenticate())),
                        (refused.status() == 401 ? "{\"message\":\"Unauthorized\"}" : "{\"message\":\"Forbidden\"}")
                                .getBytes(StandardCharsets.UTF_8));
            }
            JwtAuthorizer.Allowed allowed = (JwtAuthorizer.Allowed) outcome;
            ObjectNode jwt = ((ObjectNode) event.get("requestContext")).putObject("authorizer").putObject("jwt");
            ObjectNode claims = jwt.putObject("claims");
            allowed.claims().forEach(claims::put);
            allowed.scopes().forEach(jwt.putArray("scopes")::add);
        }
        try {
            String answer = functions.get(route.functionId()).invoke(event.toString());
            Response response = response(answer);
            LOG.info("{} → {} in {} ms", what, response.status(), (System.nanoTime() - start) / 1_000_000);
            return response;
        } catch (RuntimeException e) {
            LOG.warn("{} → 500 in {} ms: {}: {}", what, (System.nanoTime() - start) / 1_000_000,
                    e.getClass().getSimpleName(), e.getMessage());
            return Response.json(500, "{\"message\":\"Internal Server Error\"}");
        }
    }

    static ObjectNode event(HttpApiRoute route, Map<String, String> parameters, Request request) {
        ObjectNode event = LocalJson.mapper().createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", request.path());
        event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
        ObjectNode headers = LocalJson.mapper().createObjectNode();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> List.of(v.split(";\\s*")).stream().filter(c -> !c.isBlank()).forEach(cookies::add));
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        if (!cookies.isEmpty()) {
            cookies.forEach(event.putArray("cookies")::add);
        }
        event.set("headers", headers);
        Map<String, List<String>> query = query(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode q = event.putObject("queryStringParameters");
            query.forEach((name, values) -> q.put(name, String.join(",", values)));
        }
        Instant now = Instant.now();
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        String host = headers.path("host").asText("127.0.0.1");
        context.put("domainName", host);
        context.put("domainPrefix", host.split("[.:]")[0]);
        context.putObject("http")
                .put("method", request.method())
                .put("path", request.path())
                .put("protocol", "HTTP/1.1")
                .put("sourceIp", request.sourceIp())
                .put("userAgent", headers.path("user-agent").asText(""));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (!parameters.isEmpty()) {
            ObjectNode p = event.putObject("pathParameters");
            parameters.forEach(p::put);
        }
        if (request.body().length > 0) {
            boolean text = isText(headers.path("content-type").asText(""));
            event.put("body", text ? new String(request.body(), StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(request.body()));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    static Response response(String answer) {
        JsonNode node = answer == null ? null : readJson(answer);
        if (node == null || !node.isObject() || !node.has("statusCode")) {
            return Response.json(200, answer == null ? "" : answer);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        node.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), List.of(h.getValue().asText())));
        node.path("multiValueHeaders").fields().forEachRemaining(h -> {
            List<String> values = new ArrayList<>();
            h.getValue().forEach(v -> values.add(v.asText()));
            headers.put(h.getKey(), values);
        });
        List<String> cookies = new ArrayList<>();
        node.path("cookies").forEach(c -> cookies.add(c.asText()));
        if (!cookies.isEmpty()) {
            headers.put("Set-Cookie", cookies);
        }
        String body = node.path("body").asText("");
        byte[] bytes = node.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        return new Response(node.path("statusCode").asInt(200), headers, bytes);
    }

    private static JsonNode readJson(String text) {
        try {
            return LocalJson.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    private static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.startsWith("application/x-www-form-urlencoded") || type.startsWith("application/javascript");
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }
}
