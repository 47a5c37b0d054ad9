package dev.newsroom.comments;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.core.json.Json;
import java.util.HashMap;
import java.util.Map;

/**
 * Every answer the comments API gives: JSON with {@code nosniff}, and the one place errors become
 * HTTP answers ({@code {error, message}}, with per-field messages for validation and
 * {@code Retry-After} for rate limits). Internal failures say nothing about internals (H6).
 */
final class Responses {

    private Responses() {
    }

    static APIGatewayV2HTTPResponse json(int status, ObjectNode body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.putIfAbsent("Cache-Control", "no-store");
        try {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                    .withBody(Json.mapper().writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static APIGatewayV2HTTPResponse error(ApiError error, Map<String, String> headers) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("error", error.code());
        body.put("message", error.getMessage());
        if (!error.fields().isEmpty()) {
            ObjectNode fields = body.putObject("fields");
            error.fields().forEach(fields::put);
        }
        Map<String, String> all = new HashMap<>(headers);
        error.retryAfterSeconds().ifPresent(seconds -> all.put("Retry-After", Long.toString(seconds)));
        return json(error.status(), body, all);
    }

    static APIGatewayV2HTTPResponse internal(String requestId, Map<String, String> headers) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("error", "internal_error");
        body.put("message", "Something went wrong on our side. Please try again.");
        body.put("requestId", requestId);
        return json(500, body, headers);
    }

    /** After a plain HTML form post: back to the article's comments, with the outcome in the query. */
    static APIGatewayV2HTTPResponse redirect(String location) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(303)
                .withHeaders(Map.of("Location", location, "Cache-Control", "no-store")).build();
    }
}
