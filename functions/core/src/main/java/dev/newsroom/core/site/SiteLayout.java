package dev.newsroom.core.site;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where things live. Public URLs have no {@code .html}; the object behind an extensionless path is
 * that path plus {@code .html}, and behind a path ending in {@code /} its {@code index.html}. The
 * CloudFront function in {@code template.yaml} and the local front apply the same rule.
 */
public final class SiteLayout {

    public static final String ARTICLES = "articles/";
    /** Where static pages are uploaded, in the source bucket ({@code template.yaml}'s {@code PAGE_PREFIX}) and an export's folder. */
    public static final String PAGES = "pages/";
    public static final String ASSETS = "assets/";

    /** A language tag such as {@code en} or {@code pt-BR}: how site.yaml and {@code SITE_LANG} name languages. */
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8})*", Pattern.CASE_INSENSITIVE);

    private SiteLayout() {
    }

    public static boolean isLanguageTag(String tag) {
        return LANGUAGE_TAG.matcher(tag).matches();
    }

    /** Whether a path's first segment may be a language's prefix: a language tag in lower case. */
    public static boolean isLanguagePrefix(String segment) {
        return isLanguageTag(segment) && segment.equals(segment.toLowerCase(Locale.ROOT));
    }

    /** What a language other than the default puts before its paths ({@code /es}); nothing for the default. */
    public static String languagePrefix(Optional<String> lang) {
        return lang.map(code -> "/" + code).orElse("");
    }

    /** The path of an article whose front matter gives no {@code url}: the default permalink. */
    public static String articlePath(String slug) {
        return "/" + ARTICLES + slug;
    }

    /** The path of a static page whose front matter gives no {@code url}: at the site's root. */
    public static String pagePath(String slug) {
        return "/" + slug;
    }

    public static String categoryPath(String slug) {
        return "/category/" + slug;
    }

    public static String tagPath(String slug) {
        return "/tag/" + slug;
    }

    public static String authorPath(String slug) {
        return "/author/" + slug;
    }

    /** The site's own files at its root, beside its pages: what {@code SiteFiles} writes, and no article may take. */
    public static final List<String> SITE_FILES = List.of("robots.txt", "ads.txt", "site.webmanifest", "favicon.ico",
            "favicon.svg", "icon-192.png", "icon-512.png");

    /** The corrections page: every article that carries a correction. */
    public static final String CORRECTIONS = "/corrections";

    /** A listing's Atom feed, at a home's root or under a listing's page. */
    public static final String FEED = "/feed.xml";
    /** Its RSS 2.0 feed. */
    public static final String RSS = "/rss.xml";
    /** The sitemap index, which names one sitemap per day. */
    public static final String SITEMAP = "/sitemap.xml";
    /** Google News' sitemap: the articles of the last two days. */
    public static final String NEWS_SITEMAP = "/news-sitemap.xml";
    /** The page the CDN answers with when there is no page at a path. */
    public static final String NOT_FOUND = "/404.html";

    /** A day's sitemap: the site's archive pages and its sitemaps cover the same days. */
    public static String sitemapPath(LocalDate day) {
        return "/sitemaps/" + day + ".xml";
    }

    public static String commentsApiPath(String articlePath) {
        return "/api/articles/" + ArticlePaths.token(articlePath) + "/comments";
    }

    /** The site-bucket key that serves a public path. */
    public static String objectKey(String path) {
        String key = path.startsWith("/") ? path.substring(1) : path;
        if (key.isEmpty() || key.endsWith("/")) {
            return key + "index.html";
        }
        String last = key.substring(key.lastIndexOf('/') + 1);
        return last.contains(".") ? key : key + ".html";
    }

    /**
     * The request paths an edge cache may hold the object at {@code key} under: the viewer's URL and
     * the object's own path, which the viewer-request function turns it into. CloudFront asks for
     * both to be invalidated when a function changes the URI.
     */
    public static List<String> cachedPaths(String key) {
        String own = "/" + key;
        if (key.equals("index.html") || key.endsWith("/index.html")) {
            return List.of(own.substring(0, own.length() - "index.html".length()), own);
        }
        return key.endsWith(".html") ? List.of(own.substring(0, own.length() - ".html".length()), own) : List.of(own);
    }

    /** The article page's key; refuses anything but an article's path, so no key can leave the site's pages (C4). */
    public static String articleKey(String articlePath) {
        ArticlePaths.problem(articlePath).ifPresent(problem -> {
            throw new IllegalArgumentException("not an article's path: " + problem);
        });
        return objectKey(articlePath);
    }
}
