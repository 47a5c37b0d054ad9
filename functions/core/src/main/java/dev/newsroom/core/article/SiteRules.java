package dev.newsroom.core.article;

import dev.newsroom.core.shortcode.SiteShortcode;
import dev.newsroom.core.site.Permalinks;
import java.util.Map;

/**
 * What reading an article takes from the site's configuration ({@code site.yaml}): the permalink
 * patterns that give it its path, the site's own shortcodes, and the site's parameters, which the
 * {@code param} shortcode reads.
 */
public record SiteRules(Permalinks permalinks, Map<String, SiteShortcode> shortcodes, Map<String, Object> params) {

    /** A site without a configuration of its own. */
    public static final SiteRules STANDARD = new SiteRules(Permalinks.STANDARD, Map.of(), Map.of());

    public SiteRules {
        shortcodes = Map.copyOf(shortcodes);
        params = Map.copyOf(params);
    }
}
