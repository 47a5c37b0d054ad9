package dev.newsroom.comments;

import dev.newsroom.core.site.ArticlePaths;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The moderation routes under {@code /api/moderation/}: one API Gateway route,
 * {@code ANY /api/moderation/{proxy+}}, behind the desk's JWT authorizer, routed here by method and
 * path. Each names the {@link Staff.Action} it takes, checked against the caller's groups before it
 * runs, and is handed to {@link Moderation}. Answered as JSON, never cached, and without CORS
 * headers: the desk calls them from the site's own origin.
 */
final class ModerationRoutes {

    /** What a route does, for a member of staff, with the path's named segments. */
    private interface Handler {
        ApiResponse handle(Staff staff, ApiRequest event, Map<String, String> segments);
    }

    /** A route: its method, its path below {@code /api/moderation/} ({@code {article}}, {@code {id}} name segments), what it takes, and what it does. */
    private record Route(String method, String path, Staff.Action action, Handler handler) {
    }

    private final List<Route> routes;
    private final String siteOrigin;

    /** @param siteOrigin the desk's origin: the only web page whose requests these routes take (J8) */
    ModerationRoutes(Moderation moderation, Previews previews, String siteOrigin) {
        this.siteOrigin = siteOrigin;
        this.routes = List.of(
                new Route("GET", "preview", Staff.Action.PREVIEW, (staff, event, segments) -> Responses.json(200,
                        previews.of(event.queryParameter("path").orElse(""), siteOrigin), Map.of())),
                new Route("GET", "comments", Staff.Action.READ_QUEUES, (staff, event, segments) -> Responses.json(200,
                        CommentJson.forModerators(moderation.queue(event.queryParameter("queue").orElse(Comment.PENDING),
                                event.queryParameter("cursor"), event.queryParameter("limit"))), Map.of())),
                new Route("GET", "search", Staff.Action.READ_QUEUES, (staff, event, segments) -> Responses.json(200,
                        CommentJson.forModerators(moderation.search(event.queryParameter("by").orElse("text"),
                                event.queryParameter("q").orElse(""), event.queryParameter("cursor"), event.queryParameter("limit"), siteOrigin)),
                        Map.of())),
                new Route("GET", "comments/{article}/{id}/history", Staff.Action.READ_QUEUES, (staff, event, segments) -> Responses.json(200,
                        CommentJson.history(moderation.history(article(segments), segments.get("id"))), Map.of())),
                new Route("POST", "comments/{article}/{id}/feature", Staff.Action.FEATURE, (staff, event, segments) -> {
                    moderation.feature(staff, article(segments), segments.get("id"), true);
                    return moderated();
                }),
                new Route("POST", "comments/{article}/{id}/unfeature", Staff.Action.FEATURE, (staff, event, segments) -> {
                    moderation.feature(staff, article(segments), segments.get("id"), false);
                    return moderated();
                }),
                new Route("POST", "comments/{article}/{id}/reply", Staff.Action.MODERATE, (staff, event, segments) -> Responses.json(201,
                        CommentJson.replied(moderation.reply(staff, article(segments), segments.get("id"), RequestDecoder.json(event).fields())),
                        Map.of())),
                new Route("POST", "comments/{article}/{id}/ban", Staff.Action.MODERATE, (staff, event, segments) -> {
                    CommentInput request = event.body().isBlank() ? new CommentInput(Map.of()) : RequestDecoder.json(event);
                    moderation.ban(staff, article(segments), segments.get("id"), request.get("days"), request.get("reason"));
                    return moderated();
                }),
                new Route("POST", "comments/{article}/{id}/unban", Staff.Action.MODERATE, (staff, event, segments) -> {
                    moderation.unban(staff, article(segments), segments.get("id"));
                    return moderated();
                }),
                new Route("POST", "comments/{article}", Staff.Action.IMPORT, (staff, event, segments) -> Responses.json(200,
                        CommentJson.imported(moderation.importComments(article(segments), RequestDecoder.imported(event))), Map.of())),
                new Route("POST", "erasure", Staff.Action.ERASE, (staff, event, segments) -> Responses.json(200,
                        CommentJson.erased(moderation.erase(staff, RequestDecoder.json(event).get("email").orElse(""))), Map.of())),
                decision("approve", Comment.APPROVED, moderation),
                decision("spam", Comment.SPAM, moderation),
                decision("reject", Comment.REJECTED, moderation),
                new Route("DELETE", "comments/{article}/{id}", Staff.Action.MODERATE, (staff, event, segments) -> {
                    moderation.delete(staff, article(segments), segments.get("id"), reason(event));
                    return moderated();
                }));
    }

    /** {@code POST comments/{article}/{id}/<verb>}, with an optional {@code {"reason": ...}}. */
    private static Route decision(String verb, String status, Moderation moderation) {
        return new Route("POST", "comments/{article}/{id}/" + verb, Staff.Action.MODERATE, (staff, event, segments) -> {
            moderation.decide(staff, article(segments), segments.get("id"), status, reason(event));
            return moderated();
        });
    }

    /** The reason a moderator gave, if the request has a body that gives one. */
    private static Optional<String> reason(ApiRequest event) {
        return event.body().isBlank() ? Optional.empty() : RequestDecoder.json(event).get("reason");
    }

    /** Each route as {@code METHOD path}, its path below {@code /api/moderation/}: what the API's document must describe. */
    List<String> routes() {
        return routes.stream().map(route -> route.method() + " " + route.path()).toList();
    }

    ApiResponse handle(ApiRequest event) {
        Staff staff = Staff.of(event);
        String origin = event.header("origin");
        if (origin != null && !origin.equals(siteOrigin)) {
            // A bearer token never rides along by itself as a cookie would; a page elsewhere holding one is still refused.
            throw ApiError.of(ErrorKind.CROSS_SITE);
        }
        String method = event.method().orElse("");
        String[] path = event.pathParameters().getOrDefault("proxy", "").split("/", -1);
        for (Route route : routes) {
            Map<String, String> segments = match(route.path().split("/"), path);
            if (segments != null && route.method().equals(method)) {
                staff.require(route.action());
                return route.handler().handle(staff, event, segments);
            }
        }
        throw ApiError.of(ErrorKind.ROUTE_NOT_FOUND);
    }

    /** The named segments if the path has the pattern's shape, else null. */
    private static Map<String, String> match(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> named = new java.util.HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].startsWith("{")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                named.put(pattern[i].substring(1, pattern[i].length() - 1), path[i]);
            } else if (!pattern[i].equals(path[i])) {
                return null;
            }
        }
        return named;
    }

    private static ApiResponse moderated() {
        return Responses.json(200, CommentJson.moderated(), Map.of());
    }

    /** The path of the article the route names by its token ({@link ArticlePaths#token}); no comment is at any other. */
    private static String article(Map<String, String> segments) {
        return ArticlePaths.fromToken(segments.get("article")).orElseThrow(() -> ApiError.of(ErrorKind.COMMENT_NOT_FOUND));
    }
}
