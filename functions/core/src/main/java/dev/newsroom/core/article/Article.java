package dev.newsroom.core.article;

import java.util.List;
import java.util.Set;

/**
 * A parsed article: its metadata, its body rendered to sanitised HTML, what the parser had to guess
 * or leave out, for the editor's report, and the keys of its {@code aliases}
 * ({@link dev.newsroom.core.site.OldUrls}), and what its body drew from the site's configuration
 * ({@link dev.newsroom.core.shortcode.Shortcodes#usesShortcode}), so that a change there finds it.
 * Stored articles carry neither warnings nor aliases: the redirects table keeps those.
 */
public record Article(ArticleMetadata metadata, String bodyHtml, List<Problem> warnings, List<String> aliases,
                      Set<String> siteSettingsUsed) {

    public Article {
        warnings = List.copyOf(warnings);
        aliases = List.copyOf(aliases);
        siteSettingsUsed = Set.copyOf(siteSettingsUsed);
    }

    public Article(ArticleMetadata metadata, String bodyHtml) {
        this(metadata, bodyHtml, List.of(), List.of(), Set.of());
    }

    /** This article with {@code changed} metadata, its body and the rest as they are. */
    public Article withMetadata(ArticleMetadata changed) {
        return new Article(changed, bodyHtml, warnings, aliases, siteSettingsUsed);
    }

    /** The article's public URL path, its identity. */
    public String path() {
        return metadata.path();
    }
}
