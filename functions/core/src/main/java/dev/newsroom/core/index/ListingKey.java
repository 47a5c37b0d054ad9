package dev.newsroom.core.index;

import dev.newsroom.core.article.Slugs;
import dev.newsroom.core.site.SiteLayout;
import java.util.Optional;

/**
 * One list of articles readers can browse: the whole site (the home page), a category, a tag or an
 * author. Each has an index page of its newest articles and {@link Archive} pages; the site and
 * each category also have a feed.
 */
public record ListingKey(Kind kind, String slug) {

    public enum Kind { HOME, CATEGORY, TAG, AUTHOR }

    public static final ListingKey HOME = new ListingKey(Kind.HOME, "");

    public ListingKey {
        if ((kind == Kind.HOME) != slug.isEmpty() || !slug.isEmpty() && !Slugs.isSafe(slug)) {
            throw new IllegalArgumentException("not a listing: " + kind + " " + slug);
        }
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

    /** How the index names it: {@code all}, or the kind and slug. */
    public String id() {
        return kind == Kind.HOME ? "all" : kind.name().toLowerCase(java.util.Locale.ROOT) + "#" + slug;
    }

    /** The public path of the index page. */
    public String path() {
        return switch (kind) {
            case HOME -> "/";
            case CATEGORY -> SiteLayout.categoryPath(slug);
            case TAG -> SiteLayout.tagPath(slug);
            case AUTHOR -> SiteLayout.authorPath(slug);
        };
    }

    public String archivePath(Archive archive) {
        return (kind == Kind.HOME ? "/archive" : path()) + "/" + archive.pathSuffix();
    }

    /** The Atom feed's path: the site and each category have one. */
    public Optional<String> feedPath() {
        return switch (kind) {
            case HOME -> Optional.of("/feed.xml");
            case CATEGORY -> Optional.of(path() + "/feed.xml");
            default -> Optional.empty();
        };
    }
}
