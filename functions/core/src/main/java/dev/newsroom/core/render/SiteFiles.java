package dev.newsroom.core.render;

import dev.newsroom.core.json.Json;
import dev.newsroom.core.site.SiteConfig;
import dev.newsroom.core.site.SiteLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files at the site's root that are no page: {@code robots.txt}, naming every sitemap index and
 * Google News sitemap; the icons and the web manifest that every page links; and {@code ads.txt},
 * where the site configuration gives one. The publish function keeps them in the site bucket as the
 * configuration says ({@link #of}), and every page's head links the icons and the manifest.
 */
public final class SiteFiles {

    /** One file: its key in the site bucket, its bytes, and how it is served. */
    public record File(String key, byte[] content, String contentType) {
    }

    public static final String ROBOTS = "robots.txt";
    public static final String ADS = "ads.txt";
    public static final String MANIFEST = "site.webmanifest";
    private static final List<String[]> ICONS = List.of(new String[]{"favicon.ico", "image/x-icon"},
            new String[]{"favicon.svg", "image/svg+xml"}, new String[]{"icon-192.png", "image/png"}, new String[]{"icon-512.png", "image/png"});

    private SiteFiles() {
    }

    /**
     * The site's files under {@code site}, whose languages other than the default are
     * {@code otherLanguages} (each with its own sitemaps under its prefix), with {@code adsTxt} if
     * the configuration gives one. A file not in the list ({@code ads.txt} without one) is not the site's.
     */
    public static List<File> of(SiteConfig site, List<String> otherLanguages, Optional<String> adsTxt) {
        List<File> files = new ArrayList<>();
        files.add(text(ROBOTS, robots(site, otherLanguages)));
        adsTxt.ifPresent(text -> files.add(text(ADS, text.endsWith("\n") ? text : text + "\n")));
        files.add(new File(MANIFEST, manifest(site).getBytes(StandardCharsets.UTF_8), "application/manifest+json"));
        for (String[] icon : ICONS) {
            files.add(new File(icon[0], resource(icon[0]), icon[1]));
        }
        return files;
    }

    static String robots(SiteConfig site, List<String> otherLanguages) {
        StringBuilder robots = new StringBuilder("User-agent: *\nDisallow: /api/\nDisallow: /desk/\n\n");
        List<String> prefixes = new ArrayList<>(List.of(""));
        otherLanguages.forEach(lang -> prefixes.add(SiteLayout.languagePrefix(Optional.of(lang))));
        for (String prefix : prefixes) {
            robots.append("Sitemap: ").append(site.absolute(prefix + SiteLayout.SITEMAP)).append('\n');
            robots.append("Sitemap: ").append(site.absolute(prefix + SiteLayout.NEWS_SITEMAP)).append('\n');
        }
        return robots.toString();
    }

    private static String manifest(SiteConfig site) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", site.name());
        manifest.put("short_name", site.name().codePointCount(0, site.name().length()) <= 12 ? site.name()
                : site.name().substring(0, site.name().offsetByCodePoints(0, 12)));
        manifest.put("lang", site.lang());
        manifest.put("start_url", "/");
        manifest.put("display", "browser");
        manifest.put("background_color", "#ffffff");
        manifest.put("theme_color", "#1b1b1b");
        manifest.put("icons", List.of(icon("/favicon.svg", "any", "image/svg+xml"), icon("/icon-192.png", "192x192", "image/png"),
                icon("/icon-512.png", "512x512", "image/png")));
        return Json.write(manifest);
    }

    /** In a fixed order: Map.of's order changes from one JVM to the next, and the file must not (found by FaultScenariosIT). */
    private static Map<String, Object> icon(String src, String sizes, String type) {
        Map<String, Object> icon = new LinkedHashMap<>();
        icon.put("src", src);
        icon.put("sizes", sizes);
        icon.put("type", type);
        return icon;
    }

    private static File text(String key, String content) {
        return new File(key, content.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    private static byte[] resource(String name) {
        try (InputStream in = SiteFiles.class.getResourceAsStream("site/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the site's file " + name + " is missing from the jar", e);
        }
    }
}
