package dev.newsroom.core.article;

/**
 * Where an article stands. Only published articles are listed, indexed and shown: a scheduled one
 * waits for its publish date (an embargo), an expired one is past its expiry date, and both are
 * changed by the publish function at their time ({@link Timing}). A withdrawn one was taken down
 * (a legal takedown, {@code ./newsroom takedown}): it stays withdrawn, whatever is uploaded to its
 * address, until the takedown is lifted.
 */
public enum ArticleStatus {
    PUBLISHED, DRAFT, UNPUBLISHED, SCHEDULED, EXPIRED, WITHDRAWN;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ArticleStatus of(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
