package dev.newsroom.core.index;

import dev.newsroom.core.article.Slugs;
import dev.newsroom.core.site.SiteLayout;
import java.util.Optional;

/**
 * One list of articles readers can browse: the whole site (the home page), a category, a tag or an
 * author, or the corrections. Each has an index page of its newest articles, {@link Archive} pages,
 * and its feeds, Atom and RSS. On a site of several languages each language other than the
 * default has a home of its own under its prefix ({@code /es/}), whose slug is the language's code,
 * with its own feed and sitemaps; categories, tags and authors list every language.
 */
public record ListingKey(Kind kind, String slug) {

    public enum Kind { HOME, CATEGORY, TAG, AUTHOR, CORRECTIONS }

    public static final ListingKey HOME = new ListingKey(Kind.HOME, "");
    /** The articles that carry a correction, across the site's languages. */
    public static final ListingKey CORRECTIONS = new ListingKey(Kind.CORRECTIONS, "");

    public ListingKey {
        boolean fits = switch (kind) {
            case HOME -> slug.isEmpty() || SiteLayout.isLanguagePrefix(slug);
            case CORRECTIONS -> slug.isEmpty();
            default -> Slugs.isSafe(slug);
        };
        if (!fits) {
            throw new IllegalArgumentException("not a listing: " + kind + " " + slug);
        }
    }

    /** The home of a language other than the site's default, or the site's home. */
    public static ListingKey home(Optional<String> lang) {
        return lang.map(code -> new ListingKey(Kind.HOME, code)).orElse(HOME);
    }

    /** Whether it is a home: the site's, or a language's. */
    public boolean home() {
        return kind == Kind.HOME;
    }

    /** The language whose home it is, for a language other than the default. */
    public Optional<String> lang() {
        return home() && !slug.isEmpty() ? Optional.of(slug) : Optional.empty();
    }

    public static ListingKey category(String slug) {
        return new ListingKey(Kind.CATEGORY, slug);
    }

    public static ListingKey tag(String slug) {
        return new ListingKey(Kind.TAG, slug);
    }

    public static ListingKey author(String slug) {
        return new ListingKey(Kind.AUTHOR, slug);
    }

    /** How the index names it: {@code all} (a language's home: {@code all#es}), or the kind and slug. */
    public String id() {
        return kind == Kind.HOME ? (slug.isEmpty() ? "all" : "all#" + slug) : kind.name().toLowerCase(java.util.Locale.ROOT) + "#" + slug;
    }

    /** What a home's own paths start with: nothing for the site's, {@code /es} for a language's. */
    private String prefix() {
        return SiteLayout.languagePrefix(lang());
    }

    /** The public path of the index page. */
    public String path() {
        return switch (kind) {
            case HOME -> prefix() + "/";
            case CATEGORY -> SiteLayout.categoryPath(slug);
            case TAG -> SiteLayout.tagPath(slug);
            case AUTHOR -> SiteLayout.authorPath(slug);
            case CORRECTIONS -> SiteLayout.CORRECTIONS;
        };
    }

    public String archivePath(Archive archive) {
        return (kind == Kind.HOME ? prefix() + "/archive" : path()) + "/" + archive.pathSuffix();
    }

    /** A home's sitemap of one day of its archive. */
    public String sitemapPath(Archive day) {
        return prefix() + SiteLayout.sitemapPath(day.first());
    }

    /** A home's sitemap index, which names its days' sitemaps. */
    public String sitemapIndexPath() {
        return prefix() + SiteLayout.SITEMAP;
    }

    /** A home's Google News sitemap. */
    public String newsSitemapPath() {
        return prefix() + SiteLayout.NEWS_SITEMAP;
    }

    /** The Atom feed's path: a home's at its root ({@code /feed.xml}, {@code /es/feed.xml}), any other listing's under its page. */
    public String feedPath() {
        return home() ? prefix() + SiteLayout.FEED : path() + SiteLayout.FEED;
    }

    /** The RSS 2.0 feed's path, beside the Atom one. */
    public String rssPath() {
        return home() ? prefix() + SiteLayout.RSS : path() + SiteLayout.RSS;
    }
}
