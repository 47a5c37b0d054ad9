package dev.newsroom.core.render;

/**
 * What the {@code <head>} of any page says, for browsers, search engines and link previews.
 * Nullable fields are left out of the page.
 */
public record PageHead(String lang, String title, String description, String canonicalUrl, String siteName,
                       String homeUrl, boolean indexable, String ogType, String imageUrl, String imageAlt,
                       String twitterSite, String jsonLd, String adScriptUrl, String feedUrl) {
}
