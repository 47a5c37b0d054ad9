package dev.newsroom.core.article;

import java.util.List;

/**
 * A parsed article: its metadata, its body rendered to sanitised HTML, what the parser had to guess
 * or leave out, for the editor's report, and the keys of its {@code aliases}
 * ({@link dev.newsroom.core.site.OldUrls}). Stored articles carry neither warnings nor aliases: the
 * redirects table keeps those.
 */
public record Article(ArticleMetadata metadata, String bodyHtml, List<Problem> warnings, List<String> aliases) {

    public Article {
        warnings = List.copyOf(warnings);
        aliases = List.copyOf(aliases);
    }

    public Article(ArticleMetadata metadata, String bodyHtml) {
        this(metadata, bodyHtml, List.of(), List.of());
    }

    /** The article's public URL path, its identity. */
    public String path() {
        return metadata.path();
    }
}
