package dev.newsroom.core.article;

import dev.newsroom.core.shortcode.SiteShortcode;
import dev.newsroom.core.site.Permalinks;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What reading an article takes from the site's configuration ({@code site.yaml}): the permalink
 * patterns that give it its path, the site's own shortcodes, the site's parameters, which the
 * {@code param} shortcode reads, and the site's languages.
 *
 * @param languages the codes of the site's languages in lower case, the default first; none on a
 *                  site of one language
 */
public record SiteRules(Permalinks permalinks, Map<String, SiteShortcode> shortcodes, Map<String, Object> params,
                        List<String> languages) {

    /** A site without a configuration of its own. */
    public static final SiteRules STANDARD = new SiteRules(Permalinks.STANDARD, Map.of(), Map.of(), List.of());

    public SiteRules {
        shortcodes = Map.copyOf(shortcodes);
        params = Map.copyOf(params);
        languages = List.copyOf(languages);
    }

    /** Whether the site publishes in more than one language, so that articles have translations. */
    public boolean multilingual() {
        return languages.size() > 1;
    }

    /** The code, if it names one of the site's languages other than its default. */
    public Optional<String> otherLanguage(String code) {
        return languages.indexOf(code) > 0 ? Optional.of(code) : Optional.empty();
    }
}
