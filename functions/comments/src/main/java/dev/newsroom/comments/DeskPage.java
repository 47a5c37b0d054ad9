package dev.newsroom.comments;

import dev.newsroom.core.render.DeskView;
import dev.newsroom.core.render.PageRenderer;
import dev.newsroom.core.site.SiteConfig;
import java.net.URI;
import java.util.Map;

/**
 * The desk's page, script and style at {@code GET} (and {@code HEAD}) {@code /desk/{file}} ({@code /desk/} is
 * {@code /desk/index.html} at the edge, as for every page). The page is rendered once, at start,
 * with where the desk's staff sign in. It may run its own script and style only, and reach only
 * its own origin and the sign-in domain.
 */
final class DeskPage {

    /** The scopes the desk asks for; the moderation route requires the last. */
    static final String SCOPE = "openid email newsroom/desk";

    private final String page;
    private final String policy;

    /**
     * @param signInUrl the sign-in domain: the desk's Cognito user pool's, or the local stack's stand-in
     * @param clientId  the desk's client of it
     */
    DeskPage(SiteConfig site, PageRenderer pages, URI signInUrl, String clientId) {
        this.page = pages.desk(new DeskView(site.lang(), site.name(), signInUrl.toString(), clientId, SCOPE));
        this.policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' "
                + SiteConfig.origin(signInUrl) + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    ApiResponse serve(String file) {
        if (file.equals("index.html")) {
            return Responses.page(page, "text/html; charset=utf-8", "no-cache",
                    Map.of("Content-Security-Policy", policy, "Referrer-Policy", "no-referrer", "X-Frame-Options", "DENY"));
        }
        for (PageRenderer.Asset asset : new PageRenderer.Asset[] {PageRenderer.DESK_SCRIPT, PageRenderer.DESK_STYLE}) {
            if (asset.path().equals("/desk/" + file)) {
                return Responses.page(asset.content(), asset.contentType(), "public, max-age=31536000, immutable", Map.of());
            }
        }
        throw ApiError.of(ErrorKind.ROUTE_NOT_FOUND);
    }
}
