package dev.newsroom.comments;

import dev.newsroom.core.json.Json;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every answer the comments API gives: JSON with {@code nosniff}, and the one place errors become
 * HTTP answers ({@code {error, message}}, with per-field messages for validation and
 * {@code Retry-After} for rate limits, or a redirect for a form post). Internal failures say
 * nothing about internals (H6).
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

    /** A page or a file of the desk's, with its own type and caching. */
    static ApiResponse page(String body, String contentType, String cacheControl, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("Content-Type", contentType);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cache-Control", cacheControl);
        return new ApiResponse(200, headers, body);
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
        return json(error.kind().status(), body, all);
    }

    /**
     * A refusal. A plain HTML form post goes back to its article, with the code in the query, so
     * the page can say what went wrong; unless its body was never read as a form (413, 415).
     */
    static ApiResponse refusal(ApiError error, ApiRequest event, String articleUrl, Map<String, String> headers) {
        boolean readAsForm = RequestDecoder.isForm(event)
                && error.kind() != ErrorKind.PAYLOAD_TOO_LARGE && error.kind() != ErrorKind.UNSUPPORTED_MEDIA_TYPE;
        return readAsForm ? redirect(articleUrl + "?comment_error=" + error.kind().code() + "#comments") : error(error, headers);
    }

    static ApiResponse internal(String requestId, Map<String, String> headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", ErrorKind.INTERNAL_ERROR.code());
        body.put("message", ErrorKind.INTERNAL_ERROR.message());
        body.put("requestId", requestId);
        return json(ErrorKind.INTERNAL_ERROR.status(), body, headers);
    }

    /** After a plain HTML form post: back to the article's comments, with the outcome in the query. */
    static ApiResponse redirect(String location) {
        return new ApiResponse(303, Map.of("Location", location, "Cache-Control", "no-store"), null);
    }
}
