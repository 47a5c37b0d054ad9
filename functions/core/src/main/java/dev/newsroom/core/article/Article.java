package dev.newsroom.core.article;

/** A parsed article: its metadata and its body, rendered to sanitised HTML. */
public record Article(ArticleMetadata metadata, String bodyHtml) {

    public String slug() {
        return metadata.slug();
    }
}
