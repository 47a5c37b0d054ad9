package dev.newsroom.comments;

import dev.newsroom.core.json.Json;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every answer the comments API gives: JSON with {@code nosniff}, and the one place errors become
 * HTTP answers ({@code {error, message}}, with per-field messages for validation and
 * {@code Retry-After} for rate limits); a form posted without script gets a page instead, with the
 * same status and messages. Internal failures say nothing about internals (H6).
 */
final class Responses {

    private Responses() {
    }

    static ApiResponse json(int status, Map<String, Object> body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.putIfAbsent("Cache-Control", "no-store");
        return new ApiResponse(status, headers, Json.write(body));
    }

    /** A page or a file: the desk's, or the answer to a form posted without script, with its own type and caching. */
    static ApiResponse page(String body, String contentType, String cacheControl, Map<String, String> extraHeaders) {
        return page(200, body, contentType, cacheControl, extraHeaders);
    }

    static ApiResponse page(int status, String body, String contentType, String cacheControl, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("Content-Type", contentType);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cache-Control", cacheControl);
        return new ApiResponse(status, headers, body);
    }

    static ApiResponse error(ApiError error, Map<String, String> headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.kind().code());
        body.put("message", error.getMessage());
        if (!error.fields().isEmpty()) {
            body.put("fields", error.fields());
        }
        Map<String, String> all = new HashMap<>(headers);
        error.retryAfterSeconds().ifPresent(seconds -> all.put("Retry-After", Long.toString(seconds)));
        if (error.kind() == ErrorKind.NOT_SIGNED_IN) {
            all.put("WWW-Authenticate", "Bearer");
        }
        return json(error.kind().status(), body, all);
    }

    static ApiResponse internal(String requestId, Map<String, String> headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", ErrorKind.INTERNAL_ERROR.code());
        body.put("message", ErrorKind.INTERNAL_ERROR.message());
        body.put("requestId", requestId);
        return json(ErrorKind.INTERNAL_ERROR.status(), body, headers);
    }

}
