package dev.newsroom.core.article;

import java.util.List;

/**
 * A parsed article: its metadata, its body rendered to sanitised HTML, and what the parser had to
 * guess or leave out, for the editor's report. Stored articles carry no warnings.
 */
public record Article(ArticleMetadata metadata, String bodyHtml, List<Problem> warnings) {

    public Article {
        warnings = List.copyOf(warnings);
    }

    public Article(ArticleMetadata metadata, String bodyHtml) {
        this(metadata, bodyHtml, List.of());
    }

    /** The article's public URL path, its identity. */
    public String path() {
        return metadata.path();
    }
}
