package dev.newsroom.core.render;

import java.util.List;

/**
 * A sitemap, a sitemap index or a Google News sitemap, as the sitemaps.org protocol and Google's
 * news extension define them.
 *
 * @param publication the site's name and language, for news sitemaps
 */
public record SitemapView(List<Url> urls, String publication, String lang) {

    /** @param title and {@code publishedIso} are for news sitemaps; {@code lastModifiedIso} may be null */
    public record Url(String loc, String lastModifiedIso, String title, String publishedIso) {
    }
}
