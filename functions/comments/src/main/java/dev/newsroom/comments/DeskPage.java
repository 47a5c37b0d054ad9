package dev.newsroom.comments;

import dev.newsroom.core.config.ConfigurationException;
import dev.newsroom.core.json.Json;
import dev.newsroom.core.render.DeskView;
import dev.newsroom.core.render.PageRenderer;
import dev.newsroom.core.site.SiteConfig;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * The desk's page, script and style at {@code GET /desk/{file}} ({@code /desk/} is
 * {@code /desk/index.html} at the edge, as for every page). The page is rendered once, at start,
 * from the desk's sign-in settings: {@code {"url": the sign-in domain, "clientId": the desk's client}}.
 * It may run its own script and style only, and reach only its own origin and the sign-in domain.
 */
final class DeskPage {

    /** The scopes the desk asks for; the moderation route requires the last. */
    static final String SCOPE = "openid email newsroom/desk";

    private final String page;
    private final String policy;

    DeskPage(SiteConfig site, String signInSettings) {
        Map<String, Object> settings;
        try {
            settings = Json.object(Json.read(signInSettings));
        } catch (IOException e) {
            throw new ConfigurationException("DESK_SIGN_IN is not JSON: " + e.getMessage());
        }
        String url = Json.text(settings.get("url"), "");
        String client = Json.text(settings.get("clientId"), "");
        URI signIn = URI.create(url);
        if (signIn.getScheme() == null || signIn.getHost() == null || client.isEmpty()) {
            throw new ConfigurationException("DESK_SIGN_IN must give the sign-in domain's url and the desk's clientId");
        }
        this.page = new PageRenderer(site).desk(new DeskView(site.lang(), site.name(), url, client, SCOPE));
        this.policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' "
                + SiteConfig.origin(signIn) + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
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
