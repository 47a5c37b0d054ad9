package dev.newsroom.core.site;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An article's identity is its public URL path: {@code /articles/ropensci-docs} by default, or what
 * its front matter's {@code url} says, such as {@code /blog/2019/06/07/ropensci-docs/}. Every table,
 * list and route keys articles by it. A path is a few segments of lower-case letters and digits with
 * single inner hyphens, underscores or dots ({@code v1.0-trio}, Jekyll's {@code trams-return.html}),
 * so it can never name an object outside the site's own pages (C4); and it never takes a folder or a
 * file of the site's own: the folders below, any file at the root ({@code /feed.xml},
 * {@code /404.html}), or a folder's own page ({@code index.html}).
 */
public final class ArticlePaths {

    public static final int MAX_LENGTH = 200;
    static final int MAX_SEGMENTS = 8;
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9]+([-_.][a-z0-9]+)*");
    /** The first segments of the site's own pages and routes. */
    static final Set<String> SITE_FOLDERS = Set.of("api", "archive", "assets", "author", "category", "corrections", "desk",
            "sitemaps", "tag");
    /** The files of a language's home, under its prefix. */
    private static final Set<String> LANGUAGE_FILES = Set.of(SiteLayout.FEED.substring(1), SiteLayout.RSS.substring(1),
            SiteLayout.SITEMAP.substring(1), SiteLayout.NEWS_SITEMAP.substring(1));
    /** Stands for {@code /} in a path carried in one URL segment ({@link #token}); never in a path's segments. */
    private static final char SEPARATOR = '~';

    private ArticlePaths() {
    }

    /** Why {@code path} cannot be an article's, if it cannot: worded for the editor's report. */
    public static Optional<String> problem(String path) {
        if (!path.startsWith("/") || path.equals("/")) {
            return Optional.of("must be a path from the site's root, such as /blog/2024/my-story/, not '" + path + "'");
        }
        if (path.length() > MAX_LENGTH) {
            return Optional.of("can be at most " + MAX_LENGTH + " characters");
        }
        String inner = path.substring(1, path.endsWith("/") ? path.length() - 1 : path.length());
        String[] segments = inner.split("/", -1);
        if (segments.length > MAX_SEGMENTS) {
            return Optional.of("can have at most " + MAX_SEGMENTS + " segments, not " + segments.length);
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                return Optional.of("'" + path + "' must be made of lower-case letters and digits, with single hyphens,"
                        + " underscores or dots between them, separated by /");
            }
        }
        if (SITE_FOLDERS.contains(segments[0])) {
            return Optional.of("'" + path + "' is under /" + segments[0] + "/, which the site's own pages use");
        }
        // A language's home has its own archive, feed and sitemaps under its prefix (/es/archive/, /es/feed.xml).
        if (segments.length > 1 && SiteLayout.isLanguagePrefix(segments[0])
                && (SITE_FOLDERS.contains(segments[1]) || segments.length == 2 && LANGUAGE_FILES.contains(segments[1]))) {
            return Optional.of("'" + path + "' is under /" + segments[0] + "/" + segments[1]
                    + ", which a language's home uses if " + segments[0] + " is one of the site's languages");
        }
        String last = segments[segments.length - 1];
        String key = SiteLayout.objectKey(path);
        boolean rootFile = segments.length == 1 && (last.contains(".") || key.equals(SiteLayout.objectKey(SiteLayout.NOT_FOUND)));
        boolean folderPage = !path.endsWith("/") && (last.equals("index") || last.startsWith("index."));
        if (rootFile || folderPage) {
            return Optional.of("'" + path + "' is a file of the site's own: a file at the root, or a folder's own page");
        }
        return Optional.empty();
    }

    public static boolean isSafe(String path) {
        return problem(path).isEmpty();
    }

    /**
     * The path as one URL segment, for routes that name an article ({@code /api/articles/{article}/comments}):
     * {@code /blog/2019/x/} becomes {@code blog~2019~x~}.
     */
    public static String token(String path) {
        return path.substring(1).replace('/', SEPARATOR);
    }

    /** The path a {@link #token} stands for, if it is an article's. */
    public static Optional<String> fromToken(String token) {
        String path = "/" + token.replace(SEPARATOR, '/');
        return isSafe(path) ? Optional.of(path) : Optional.empty();
    }
}
