package dev.newsroom.comments;

import java.util.Map;
import java.util.Set;

/**
 * The origins comments may come from (H5): the site's own and any configured others. Only they
 * get CORS headers, and a post whose {@code Origin} is another is refused, since the HTTP API's
 * URL can be called from any page.
 */
final class SiteOrigins {

    private final Set<String> allowed;

    SiteOrigins(Set<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    /** CORS headers naming the request's origin if it is allowed; none otherwise. */
    Map<String, String> corsHeaders(ApiRequest event) {
        String origin = event.header("origin");
        if (origin == null || !allowed.contains(origin)) {
            return Map.of();
        }
        return Map.of("Access-Control-Allow-Origin", origin, "Vary", "Origin");
    }

    /** Refuses (403) a post from another origin. Requests with no {@code Origin} come from no web page and pass. */
    void requireAllowed(ApiRequest event) {
        String origin = event.header("origin");
        if (origin != null && !allowed.contains(origin)) {
            throw ApiError.of(ErrorKind.ORIGIN_NOT_ALLOWED);
        }
    }
}
