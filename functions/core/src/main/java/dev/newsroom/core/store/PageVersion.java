package dev.newsroom.core.store;

import java.util.Comparator;

/**
 * What a page was rendered from, so that an older render never replaces a newer page (B2). An
 * article page is its article's version and then its related list's revision; a listing page is its
 * listing's revision.
 */
public record PageVersion(long major, long minor) implements Comparable<PageVersion> {

    private static final Comparator<PageVersion> ORDER = Comparator.comparingLong(PageVersion::major)
            .thenComparingLong(PageVersion::minor);
    public static final PageVersion NONE = new PageVersion(0, 0);

    public static PageVersion of(long major) {
        return new PageVersion(major, 0);
    }

    static PageVersion parse(String text) {
        int dot = text.indexOf('.');
        return dot < 0 ? of(Long.parseLong(text))
                : new PageVersion(Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1)));
    }

    @Override
    public int compareTo(PageVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
