package dev.newsroom.comments;

import java.util.Map;

/**
 * The moderation routes, {@code /api/moderation/...}: only for moderators ({@link ModeratorAuth}),
 * each handed to {@link Moderation} and answered as JSON. Never cached, and without CORS headers:
 * moderators call them with their own tools, not from the site's pages.
 */
final class ModerationRoutes {

    private final ModeratorAuth moderators;
    private final Moderation moderation;

    ModerationRoutes(ModeratorAuth moderators, Moderation moderation) {
        this.moderators = moderators;
        this.moderation = moderation;
    }

    ApiResponse handle(ApiRequest event) {
        moderators.require(event);
        String slug = event.pathParameters().getOrDefault("slug", "");
        String id = event.pathParameters().getOrDefault("id", "");
        switch (event.routeKey()) {
            case "GET /api/moderation/comments" -> {
                CommentsService.Listing queue = moderation.queue(event.queryParameter("queue").orElse(Comment.PENDING),
                        event.queryParameter("cursor"), event.queryParameter("limit"));
                return Responses.json(200, CommentJson.forModerators(queue), Map.of());
            }
            case "POST /api/moderation/erasure" -> {
                int erased = moderation.erase(RequestDecoder.json(event).get("email").orElse(""));
                return Responses.json(200, CommentJson.erased(erased), Map.of());
            }
            case "POST /api/moderation/comments/{slug}/{id}/approve" -> moderation.setStatus(slug, id, Comment.APPROVED);
            case "POST /api/moderation/comments/{slug}/{id}/spam" -> moderation.setStatus(slug, id, Comment.SPAM);
            case "DELETE /api/moderation/comments/{slug}/{id}" -> moderation.delete(slug, id);
            default -> throw ApiError.of(ErrorKind.ROUTE_NOT_FOUND);
        }
        return Responses.json(200, CommentJson.moderated(), Map.of());
    }
}
