package dev.newsroom.core.site;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The addresses that answer 301 with an article's path: its front matter's {@code aliases}, the
 * path it had before its {@code url} changed, and WordPress's numeric links ({@code /?p=123},
 * {@code /?page_id=7}). The CDN looks each up by its key, exactly as a reader's request names it,
 * so an alias is kept percent-encoded, as browsers send it. An alias never points off the site
 * and never takes an address of the site's own pages.
 */
public final class OldUrls {

    /** Far below the edge key-value store's 512-character keys. */
    public static final int MAX_LENGTH = 400;
    /** Keys, not aliases: a folder alias takes two. */
    public static final int MAX_PER_ARTICLE = 100;
    private static final Pattern WORDPRESS_ID = Pattern.compile("/\\?(p|page_id)=[1-9][0-9]{0,18}");
    /** Files the site writes at its root. */
    private static final Set<String> ROOT_FILES = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(SiteLayout.FEED, SiteLayout.RSS, SiteLayout.SITEMAP, SiteLayout.NEWS_SITEMAP, SiteLayout.NOT_FOUND, "/index.html"),
            SiteLayout.SITE_FILES.stream().map(file -> "/" + file)).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private OldUrls() {
    }

    /**
     * The keys an alias of the article at {@code articlePath} is looked up by, or why it has none,
     * worded for the editor. A relative alias is read from the article's folder, as Hugo reads it
     * ({@code old-name} beside {@code /blog/2022/new-name/} is {@code /blog/2022/old-name}). A key is
     * percent-encoded, as browsers send it. An alias whose last segment has no extension is a folder
     * to Hugo, which servers answer with and without the final slash: it gets both keys.
     */
    public static Key key(String alias, String articlePath) {
        String given = alias.strip();
        if (given.matches("(?i)[a-z][a-z0-9+.-]*:.*") || given.startsWith("//")) {
            return Key.refused("'" + alias + "' points off the site: an alias is a path on this site, such as /2019/06/old-story/");
        }
        String path = given.startsWith("/") ? given : folderOf(articlePath) + given;
        if (WORDPRESS_ID.matcher(path).matches()) {
            return Key.of(List.of(path));
        }
        if (path.contains("?") || path.contains("#")) {
            return Key.refused("'" + alias + "' has a query or a fragment; only WordPress's /?p=123 and /?page_id=123 may");
        }
        String encoded;
        try {
            encoded = new URI(null, null, percentDecoded(path), null).toASCIIString();
        } catch (URISyntaxException e) {
            return Key.refused("'" + alias + "' is not a path");
        }
        if (!encoded.startsWith("/")) {
            return Key.refused("'" + alias + "' is not a path"); // an empty one, read from the site's root (found by SiteSettingsFuzzTest)
        }
        if (encoded.length() > MAX_LENGTH) {
            return Key.refused("'" + alias + "' is longer than " + MAX_LENGTH + " characters");
        }
        String[] segments = encoded.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            if (segments[i].equals(".") || segments[i].equals("..") || (segments[i].isEmpty() && !last)) {
                return Key.refused("'" + alias + "' has an empty, . or .. segment");
            }
        }
        if (encoded.equals("/") || ArticlePaths.SITE_FOLDERS.contains(segments[0]) || ROOT_FILES.contains(encoded)) {
            return Key.refused("'" + alias + "' is an address of the site's own pages");
        }
        String last = segments[segments.length - 1];
        if (last.contains(".")) {
            return Key.of(List.of(encoded));
        }
        String folder = encoded.endsWith("/") ? encoded : encoded + "/";
        return Key.of(List.of(folder, folder.substring(0, folder.length() - 1)));
    }

    /**
     * The addresses of a page at {@code path}: a folder's ({@code /blog/x/}) is also asked for without
     * its slash, and neither may redirect while the page is there.
     */
    public static List<String> addressesOf(String path) {
        return path.endsWith("/") && path.length() > 1 ? List.of(path, path.substring(0, path.length() - 1)) : List.of(path);
    }

    /**
     * The path with its escapes read ({@code /caf%c3%a9/} is {@code /café/}), so one given already
     * encoded, as WordPress writes links, is not encoded twice; a {@code %} that starts no escape is
     * a percent sign.
     */
    private static String percentDecoded(String path) {
        try {
            return java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEscapes) {
            return path;
        }
    }

    /** {@code /blog/2022/} for {@code /blog/2022/new-name/} or {@code /blog/2022/new-name}. */
    private static String folderOf(String articlePath) {
        String trimmed = articlePath.endsWith("/") ? articlePath.substring(0, articlePath.length() - 1) : articlePath;
        return trimmed.substring(0, trimmed.lastIndexOf('/') + 1);
    }

    /** An alias's lookup keys, or the reason it has none. */
    public record Key(List<String> values, Optional<String> problem) {

        static Key of(List<String> values) {
            return new Key(values, Optional.empty());
        }

        static Key refused(String problem) {
            return new Key(List.of(), Optional.of(problem));
        }
    }
}
