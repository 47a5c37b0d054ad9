package dev.newsroom.comments;

import java.util.Map;
import java.util.Optional;

/**
 * An answer other than success, with its HTTP status and a machine-readable code. Thrown anywhere
 * in the comments code and turned into a response in one place, {@link Responses#error}.
 *
 * @param fields per-field messages, for validation failures
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> fields;
    private final Optional<Long> retryAfterSeconds;

    private ApiError(int status, String code, String message, Map<String, String> fields, Optional<Long> retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.fields = Map.copyOf(fields);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiError of(int status, String code, String message) {
        return new ApiError(status, code, message, Map.of(), Optional.empty());
    }

    public static ApiError invalid(String code, String message, Map<String, String> fields) {
        return new ApiError(400, code, message, fields, Optional.empty());
    }

    public static ApiError rateLimited(long retryAfterSeconds) {
        return new ApiError(429, "rate_limited", "Too many comments; try again later.", Map.of(),
                Optional.of(retryAfterSeconds));
    }

    public static ApiError notFound(String code, String message) {
        return of(404, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> fields() {
        return fields;
    }

    public Optional<Long> retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
