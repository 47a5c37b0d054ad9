package dev.newsroom.comments;

import java.util.Map;
import java.util.Optional;

/**
 * An answer other than success: one {@link ErrorKind}, its message, and for validation failures
 * per-field messages. Thrown anywhere in the comments code and turned into a response in one
 * place, {@link Responses#error}.
 */
final class ApiError extends RuntimeException {

    private final ErrorKind kind;
    private final Map<String, String> fields;
    private final Optional<Long> retryAfterSeconds;

    private ApiError(ErrorKind kind, String message, Map<String, String> fields, Optional<Long> retryAfterSeconds) {
        super(message, null, false, false);
        this.kind = kind;
        this.fields = Map.copyOf(fields);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static ApiError of(ErrorKind kind) {
        return of(kind, kind.message(), Map.of());
    }

    /** With a message of its own, for text that depends on the request. */
    static ApiError of(ErrorKind kind, String message) {
        return of(kind, message, Map.of());
    }

    /** @param fields a message per field that needs attention */
    static ApiError of(ErrorKind kind, Map<String, String> fields) {
        return of(kind, kind.message(), fields);
    }

    static ApiError of(ErrorKind kind, String message, Map<String, String> fields) {
        return new ApiError(kind, message, fields, Optional.empty());
    }

    static ApiError rateLimited(long retryAfterSeconds) {
        return new ApiError(ErrorKind.RATE_LIMITED, ErrorKind.RATE_LIMITED.message(), Map.of(), Optional.of(retryAfterSeconds));
    }

    ErrorKind kind() {
        return kind;
    }

    Map<String, String> fields() {
        return fields;
    }

    Optional<Long> retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
