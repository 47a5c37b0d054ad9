package dev.newsroom.core.article;

/** Where an article stands. Only published articles are listed, indexed and shown. */
public enum ArticleStatus {
    PUBLISHED, DRAFT, UNPUBLISHED;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ArticleStatus of(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
