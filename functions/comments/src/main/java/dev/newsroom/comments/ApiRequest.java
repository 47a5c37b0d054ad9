package dev.newsroom.comments;

import dev.newsroom.core.json.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the function reads of API Gateway's HTTP API event (payload format 2.0), read straight from
 * its JSON. API Gateway leaves out what a request lacks: those maps read as empty, the body as empty.
 * Of what it always sends, an event without it reads as null (the method as empty).
 *
 * @param claims the claims of the token API Gateway's JWT authorizer let through (the moderation
 *               route), each a string as API Gateway gives them; empty on the public routes
 */
record ApiRequest(String routeKey, Optional<String> method, Map<String, String> headers, Map<String, String> pathParameters,
                  Map<String, String> query, String body, boolean base64Encoded, String sourceIp, Map<String, String> claims) {

    static ApiRequest of(Map<String, Object> event) {
        Map<String, Object> context = Json.object(event.get("requestContext"));
        Map<String, Object> http = Json.object(context.get("http"));
        return new ApiRequest(Json.text(event.get("routeKey"), null), Optional.ofNullable(Json.text(http.get("method"), null)),
                texts(event.get("headers")), texts(event.get("pathParameters")), texts(event.get("queryStringParameters")),
                Json.text(event.get("body"), ""), Boolean.TRUE.equals(event.get("isBase64Encoded")), Json.text(http.get("sourceIp"), null),
                texts(Json.object(Json.object(context.get("authorizer")).get("jwt")).get("claims")));
    }

    /** A header by its name in lower case, as API Gateway gives them; null if absent. */
    String header(String name) {
        return headers.get(name);
    }

    /** A query parameter; none if absent or empty. */
    Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }

    private static Map<String, String> texts(Object object) {
        Map<String, String> texts = new HashMap<>();
        Json.object(object).forEach((name, value) -> texts.put(name, Json.text(value, "")));
        return texts;
    }
}
