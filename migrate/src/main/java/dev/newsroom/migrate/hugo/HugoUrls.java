package dev.newsroom.migrate.hugo;

import dev.newsroom.core.site.Permalinks;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URL path Hugo gives a page, by Hugo's own rules: the {@code url} front matter field as written;
 * else its section's permalink pattern; else the content path, with {@code slug} in place of the
 * file's name. Paths are made as Hugo makes them (spaces to hyphens, lower case, only letters,
 * digits and {@code . _ - + ~} kept), and carry the language's prefix unless it is the default
 * language at the site's root. Pure.
 */
public final class HugoUrls {

    private static final Pattern ISO_DATE = Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})");

    private HugoUrls() {
    }

    /** The page's path, and the paths its {@code aliases} name. */
    public record Urls(String path, List<String> aliases) {
    }

    public static Urls of(HugoConfig config, HugoContent.Page page, Map<String, Object> fields) {
        String prefix = prefix(config, page.language());
        List<String> aliases = aliases(fields).stream()
                .map(alias -> alias.startsWith("/") ? alias : prefix + "/" + page.sections() + "/" + alias)
                .map(HugoUrls::withLeadingSlash).toList();
        Optional<String> url = HugoConfig.text(fields, "url");
        if (url.isPresent()) {
            String given = url.get();
            return new Urls(given.startsWith("/") ? given : prefix + "/" + given, aliases);
        }
        Optional<String> slug = HugoConfig.text(fields, "slug");
        String pattern = config.permalinks().get(page.section());
        String path = pattern != null ? expand(pattern, page, fields, slug)
                : "/" + (page.sections().isEmpty() ? "" : page.sections() + "/") + slug.orElse(page.baseName()) + "/";
        return new Urls(prefix + Permalinks.clean(path), aliases);
    }

    /**
     * The URL of a section's list page ({@code content/blog/_index.md}, or the one Hugo makes for a
     * top-level folder without one, given as {@code fields} empty): its {@code url}, else its folder's path.
     */
    public static String section(HugoConfig config, String language, String folder, Map<String, Object> fields) {
        String prefix = prefix(config, language);
        return HugoConfig.text(fields, "url").map(url -> url.startsWith("/") ? url : prefix + "/" + url)
                .orElseGet(() -> prefix + Permalinks.clean("/" + folder + "/"));
    }

    /** The path a language's pages are under: none for the default language at the site's root. */
    static String prefix(HugoConfig config, String language) {
        return language.equals(config.defaultLanguage()) && !config.defaultLanguageInSubdir() ? "" : "/" + language;
    }

    private static String expand(String pattern, HugoContent.Page page, Map<String, Object> fields, Optional<String> slug) {
        Optional<LocalDate> date = HugoConfig.text(fields, "date").map(ISO_DATE::matcher).filter(Matcher::find)
                .map(m -> LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        String title = HugoConfig.text(fields, "title").orElse("");
        return Permalinks.expand(pattern, new Permalinks.Values(place(page), slug.orElse(title), slug.orElse(page.baseName()), title, date));
    }

    /** Where Hugo's page sits, in the terms of Newsroom's permalinks. */
    static Permalinks.Place place(HugoContent.Page page) {
        return new Permalinks.Place(page.section().isEmpty() ? Permalinks.ROOT : page.section(), page.sections(), page.baseName());
    }

    private static List<String> aliases(Map<String, Object> fields) {
        Object value = HugoConfig.get(fields, "aliases").orElse(List.of());
        if (value instanceof List<?> list) {
            return list.stream().filter(item -> item != null).map(Object::toString).map(String::strip)
                    .filter(alias -> !alias.isEmpty()).toList();
        }
        return value.toString().isBlank() ? List.of() : List.of(value.toString().strip());
    }

    private static String withLeadingSlash(String path) {
        return path.replaceAll("/{2,}", "/");
    }
}
