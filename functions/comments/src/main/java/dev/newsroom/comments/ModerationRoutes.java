package dev.newsroom.comments;

import dev.newsroom.core.site.ArticlePaths;
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
        String id = event.pathParameters().getOrDefault("id", "");
        switch (event.routeKey()) {
            case "GET /api/moderation/comments" -> {
                CommentsService.Listing queue = moderation.queue(event.queryParameter("queue").orElse(Comment.PENDING),
                        event.queryParameter("cursor"), event.queryParameter("limit"));
                return Responses.json(200, CommentJson.forModerators(queue), Map.of());
            }
            case "POST /api/moderation/comments/{article}" -> {
                Moderation.Imported imported = moderation.importComments(article(event), RequestDecoder.imported(event));
                return Responses.json(200, CommentJson.imported(imported), Map.of());
            }
            case "POST /api/moderation/erasure" -> {
                int erased = moderation.erase(RequestDecoder.json(event).get("email").orElse(""));
                return Responses.json(200, CommentJson.erased(erased), Map.of());
            }
            case "POST /api/moderation/comments/{article}/{id}/approve" -> moderation.setStatus(article(event), id, Comment.APPROVED);
            case "POST /api/moderation/comments/{article}/{id}/spam" -> moderation.setStatus(article(event), id, Comment.SPAM);
            case "DELETE /api/moderation/comments/{article}/{id}" -> moderation.delete(article(event), id);
            default -> throw ApiError.of(ErrorKind.ROUTE_NOT_FOUND);
        }
        return Responses.json(200, CommentJson.moderated(), Map.of());
    }

    /** The path of the article the route names by its token ({@link ArticlePaths#token}); no comment is at any other. */
    private static String article(ApiRequest event) {
        return ArticlePaths.fromToken(event.pathParameters().getOrDefault("article", ""))
                .orElseThrow(() -> ApiError.of(ErrorKind.COMMENT_NOT_FOUND));
    }
}
