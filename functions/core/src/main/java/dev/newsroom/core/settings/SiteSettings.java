package dev.newsroom.core.settings;

import dev.newsroom.core.render.Menus;
import dev.newsroom.core.article.PreModeration;
import dev.newsroom.core.article.FrontMatterYaml;
import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.article.Problem;
import dev.newsroom.core.article.SiteRules;
import dev.newsroom.core.shortcode.SiteShortcode;
import dev.newsroom.core.shortcode.Shortcodes;
import dev.newsroom.core.site.ArticlePaths;
import dev.newsroom.core.site.OldUrls;
import dev.newsroom.core.site.Permalinks;
import dev.newsroom.core.site.SiteLayout;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The site's own configuration, which editors change without a redeploy: {@code site.yaml} at the
 * root of the source bucket. It holds the permalink pattern of each section, the languages, the
 * menus, the site's parameters and the mapping of its own shortcodes. It is read and validated as
 * strictly as an article: an unknown key, a pattern that cannot give safe addresses or a snippet that
 * could run script is refused with every problem named, and the previous configuration stays in
 * force. What is fixed at deploy time (the site's URL, name, captcha, ads) stays in the template. Pure.
 *
 * @param languages the site's languages, the default first; none means the template's {@code SITE_LANG} alone
 * @param menus     each menu's items, in order of weight, then as written
 * @param redirects old addresses that are no article's (a section's list page, a moved listing), each
 *                  as the keys the edge looks it up by, with the path of this site it answers 301 with
 * @param comments  pre-moderation and word lists, which the comments function reads
 * @param adsTxt    the site's {@code ads.txt}, as its advertising partners give it, if it sells advertising
 */
public record SiteSettings(Permalinks permalinks, List<Language> languages, Map<String, List<MenuItem>> menus,
                           Map<String, Object> params, Map<String, SiteShortcode> shortcodes, Map<String, String> redirects,
                           CommentSettings comments, Optional<String> adsTxt) {

    /** Where it lives in the source bucket. */
    public static final String KEY = "site.yaml";
    public static final int MAX_BYTES = 64 * 1024;
    static final int MAX_SECTIONS = 50;
    static final int MAX_LANGUAGES = 30;
    public static final int MAX_MENUS = 10;
    public static final int MAX_MENU_ITEMS = 50;
    static final int MAX_SHORTCODES = 100;
    static final int MAX_REDIRECTS = 1000;
    static final int MAX_NAME = 80;

    private static final Set<String> FIELDS = Set.of("permalinks", "languages", "menus", "params", "shortcodes", "redirects", "comments",
            "adsTxt");
    static final int MAX_ADS_TXT = 16 * 1024;
    private static final Set<String> COMMENT_FIELDS = Set.of("moderation", "bannedWords", "suspectWords");
    private static final Pattern SECTION = Pattern.compile("[a-z0-9]+([-_.][a-z0-9]+)*");
    private static final Pattern MENU = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    /** A language the site publishes in. */
    public record Language(String code, String name) {
    }

    /**
     * One entry of a menu: its label and where it goes, a path of the site or an http(s) address. Items
     * are shown by weight, lightest first; an item without one comes after those with one.
     */
    public record MenuItem(String name, String url, int weight) {
    }

    /** The menus the site shell shows: {@code main} in every page's header, {@code footer} in its footer. */
    public Menus shellMenus() {
        return new Menus(links("main"), links("footer"));
    }

    private List<Menus.Link> links(String menu) {
        return menus.getOrDefault(menu, List.of()).stream().map(item -> new Menus.Link(item.name(), item.url())).toList();
    }

    /** A site that has written no configuration: the standard permalinks, the template's language alone, no menus. */
    public static final SiteSettings STANDARD = new SiteSettings(Permalinks.STANDARD, List.of(), Map.of(), Map.of(), Map.of(), Map.of(),
            CommentSettings.NONE, Optional.empty());

    public SiteSettings {
        languages = List.copyOf(languages);
        menus = Map.copyOf(menus);
        params = Map.copyOf(params);
        shortcodes = Map.copyOf(shortcodes);
        redirects = Map.copyOf(redirects);
    }

    /** What reading an article takes from this configuration. */
    public SiteRules rules() {
        return new SiteRules(permalinks, shortcodes, params, languageCodes());
    }

    /** The codes of the languages other than the default, each with a home, feeds and sitemaps under its prefix. */
    public List<String> otherLanguages() {
        return languageCodes().stream().skip(1).toList();
    }

    /** The languages' codes in lower case, as paths and pages carry them. */
    private List<String> languageCodes() {
        return languages.stream().map(language -> language.code().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    /** Reads and validates {@code site.yaml}; every problem is named, with where it is. */
    public static SiteSettings read(byte[] bytes) throws InvalidArticleException {
        if (bytes.length > MAX_BYTES) {
            throw new InvalidArticleException("file", "is " + bytes.length + " bytes; the limit is " + MAX_BYTES);
        }
        Map<String, Object> fields = FrontMatterYaml.read(new String(bytes, StandardCharsets.UTF_8));
        return new Reader().read(fields);
    }

    /** Reads a configuration this function validated and stored before. */
    public static SiteSettings stored(String yaml) {
        try {
            return read(yaml.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidArticleException e) {
            throw new IllegalStateException("the stored site configuration no longer reads: " + e.getMessage(), e);
        }
    }

    /**
     * Whether moving from {@code previous} to this configuration changes an article: its section's
     * permalink pattern changed, or its body drew on a shortcode or parameter that changed.
     *
     * @param sourceKey        its file in the source bucket, whose first folder is the upload prefix
     * @param siteSettingsUsed what its body drew from the configuration
     * @param listed           whether it is an article, which permalinks place, rather than a static page
     */
    public boolean changes(SiteSettings previous, String sourceKey, Set<String> siteSettingsUsed, boolean listed) {
        if (!previous.languageCodes().equals(languageCodes()) && (previous.languages.size() > 1 || languages.size() > 1)) {
            return true; // an article's language, its path's prefix and its translations follow the languages of a site of several
        }
        String section = Permalinks.Place.ofSourceKey(sourceKey).section();
        if (listed && !previous.permalinks.pattern(section).equals(permalinks.pattern(section))) {
            return true;
        }
        for (String used : siteSettingsUsed) {
            String name = used.substring(used.indexOf(':') + 1);
            boolean changed = used.equals(Shortcodes.usesShortcode(name))
                    ? !Objects.equals(previous.shortcodes.get(name), shortcodes.get(name))
                    : !Objects.equals(Shortcodes.lookup(previous.params, name), Shortcodes.lookup(params, name));
            if (changed) {
                return true;
            }
        }
        return false;
    }

    /** One reading: the problems found so far. */
    private static final class Reader {
        final List<Problem> problems = new ArrayList<>();

        SiteSettings read(Map<String, Object> fields) throws InvalidArticleException {
            fields.keySet().stream().filter(key -> !FIELDS.contains(key)).sorted().forEach(key ->
                    problems.add(new Problem(key, "is not a setting here; the settings are " + new java.util.TreeSet<>(FIELDS))));
            List<Language> languages = languages(fields.get("languages"));
            var settings = new SiteSettings(permalinks(map(fields, "permalinks")), languages,
                    menus(map(fields, "menus")), params(map(fields, "params")), shortcodes(map(fields, "shortcodes")),
                    redirects(map(fields, "redirects"), languages), comments(map(fields, "comments")), adsTxt(fields.get("adsTxt")));
            if (!problems.isEmpty()) {
                throw new InvalidArticleException(problems);
            }
            return settings;
        }

        /** {@code adsTxt}: text of lines, served as it is at {@code /ads.txt}, so no control characters but line ends and tabs. */
        Optional<String> adsTxt(Object value) {
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof String text) || text.isBlank()) {
                problems.add(new Problem("adsTxt", "must be text: the lines of the site's ads.txt"));
                return Optional.empty();
            }
            if (text.length() > MAX_ADS_TXT || text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0x7f)) {
                problems.add(new Problem("adsTxt", "must be at most " + MAX_ADS_TXT + " characters of lines, without control characters"));
                return Optional.empty();
            }
            return Optional.of(text);
        }

        CommentSettings comments(Map<String, Object> fields) {
            fields.keySet().stream().filter(key -> !COMMENT_FIELDS.contains(key)).sorted().forEach(key ->
                    problems.add(new Problem("comments." + key, "is not a setting here; the settings are " + new java.util.TreeSet<>(COMMENT_FIELDS))));
            Optional<PreModeration> moderation = Optional.empty();
            Object mode = fields.get("moderation");
            if (mode != null) {
                moderation = PreModeration.named(String.valueOf(mode));
                if (moderation.isEmpty()) {
                    problems.add(new Problem("comments.moderation", "must be all, first or none, not '" + mode + "'"));
                }
            }
            return new CommentSettings(moderation, words(fields, "bannedWords"), words(fields, "suspectWords"));
        }

        /** A list of words: each one word or phrase of letters and digits, within the limits. */
        List<String> words(Map<String, Object> fields, String name) {
            Object value = fields.get(name);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                problems.add(new Problem("comments." + name, "must be a list of words"));
                return List.of();
            }
            if (list.size() > CommentSettings.MAX_WORDS) {
                problems.add(new Problem("comments." + name, "can have at most " + CommentSettings.MAX_WORDS + " words"));
            }
            List<String> words = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String word = String.valueOf(list.get(i)).strip();
                if (word.isEmpty() || word.length() > CommentSettings.MAX_WORD || !word.codePoints().anyMatch(Character::isLetterOrDigit)) {
                    problems.add(new Problem("comments." + name + "[" + i + "]", "must be a word of at most " + CommentSettings.MAX_WORD
                            + " characters, with a letter or digit"));
                } else {
                    words.add(word);
                }
            }
            return words;
        }

        Map<String, Object> map(Map<String, Object> fields, String name) {
            Object value = fields.get(name);
            if (value == null) {
                return Map.of();
            }
            if (value instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) map;
                return typed;
            }
            problems.add(new Problem(name, "must be a mapping"));
            return Map.of();
        }

        /** The site's parameters, each with a value: YAML's {@code name:} with nothing after it is a parameter without one. */
        Map<String, Object> params(Map<String, Object> given) {
            given.forEach((name, value) -> withoutValues("params." + name, value));
            Map<String, Object> params = new LinkedHashMap<>(given);
            params.values().removeIf(Objects::isNull); // named above, and refused with the rest
            return params;
        }

        private void withoutValues(String field, Object value) {
            if (value == null) {
                problems.add(new Problem(field, "has no value; give it one, or leave it out"));
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((name, inner) -> withoutValues(field + "." + name, inner));
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    withoutValues(field + "[" + i + "]", list.get(i));
                }
            }
        }

        Permalinks permalinks(Map<String, Object> given) {
            if (given.size() > MAX_SECTIONS) {
                problems.add(new Problem("permalinks", "can name at most " + MAX_SECTIONS + " sections"));
                return Permalinks.STANDARD;
            }
            Map<String, String> patterns = new LinkedHashMap<>();
            given.forEach((section, value) -> {
                String field = "permalinks." + section;
                if (!section.equals(Permalinks.ROOT) && !SECTION.matcher(section).matches()) {
                    problems.add(new Problem(field, "is not a section: a folder under articles/ (lower-case letters, digits, - _ .), or / for"
                            + " the files directly under it"));
                } else if (!(value instanceof String pattern)) {
                    problems.add(new Problem(field, "must be a pattern such as /blog/:year/:month/:slug/"));
                } else {
                    Permalinks.problem(pattern).ifPresentOrElse(problem -> problems.add(new Problem(field, problem)),
                            () -> patterns.put(section, pattern));
                }
            });
            return new Permalinks(patterns);
        }

        List<Language> languages(Object given) {
            if (given == null) {
                return List.of();
            }
            if (!(given instanceof List<?> list) || list.size() > MAX_LANGUAGES) {
                problems.add(new Problem("languages", "must be a list of at most " + MAX_LANGUAGES
                        + " languages, each with a code and a name, the default first"));
                return List.of();
            }
            List<Language> languages = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String field = "languages[" + i + "]";
                Map<String, Object> language = list.get(i) instanceof Map<?, ?> m ? typed(m) : Map.of();
                Optional<String> code = text(language, "code", 20, field);
                if (code.isPresent() && !SiteLayout.isLanguageTag(code.get())) {
                    problems.add(new Problem(field + ".code", "must be a language tag such as en or pt-BR, not " + code.get()));
                } else if (code.isPresent() && languages.stream().anyMatch(l -> l.code().equals(code.get()))) {
                    problems.add(new Problem(field + ".code", code.get() + " is listed twice"));
                } else if (code.isPresent()) {
                    languages.add(new Language(code.get(), text(language, "name", 40, field).orElse(code.get())));
                } else if (language.isEmpty()) {
                    problems.add(new Problem(field, "must be a mapping with a code and a name"));
                }
            }
            return languages;
        }

        Map<String, List<MenuItem>> menus(Map<String, Object> given) {
            if (given.size() > MAX_MENUS) {
                problems.add(new Problem("menus", "can have at most " + MAX_MENUS + " menus"));
                return Map.of();
            }
            Map<String, List<MenuItem>> menus = new LinkedHashMap<>();
            given.forEach((name, value) -> {
                String field = "menus." + name;
                if (!MENU.matcher(name).matches()) {
                    problems.add(new Problem(field, "must be named with lower-case letters, digits, - and _, such as main or footer"));
                    return;
                }
                if (!(value instanceof List<?> list) || list.size() > MAX_MENU_ITEMS) {
                    problems.add(new Problem(field, "must be a list of at most " + MAX_MENU_ITEMS + " items, each with a name and a url"));
                    return;
                }
                List<MenuItem> items = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    String itemField = field + "[" + i + "]";
                    Map<String, Object> item = list.get(i) instanceof Map<?, ?> m ? typed(m) : Map.of();
                    Optional<String> label = text(item, "name", MAX_NAME, itemField);
                    Optional<String> url = text(item, "url", ArticlePaths.MAX_LENGTH, itemField).filter(u -> link(u, itemField + ".url"));
                    int weight = weight(item.get("weight"), itemField + ".weight");
                    if (label.isPresent() && url.isPresent()) {
                        items.add(new MenuItem(label.get(), url.get(), weight));
                    } else if (item.isEmpty()) {
                        problems.add(new Problem(itemField, "must be a mapping with a name and a url"));
                    }
                }
                items.sort(java.util.Comparator.comparingInt(MenuItem::weight)); // stable: equal weights keep their order, unweighted last
                menus.put(name, items);
            });
            return menus;
        }

        /**
         * Old addresses and where they lead: each a path of this site that is not one of its own
         * addresses ({@link OldUrls}), its languages' homes and their listings included, leading to
         * a path of this site; a folder takes its two keys.
         */
        Map<String, String> redirects(Map<String, Object> given, List<Language> languages) {
            if (given.size() > MAX_REDIRECTS) {
                problems.add(new Problem("redirects", "can name at most " + MAX_REDIRECTS + " addresses"));
                return Map.of();
            }
            Map<String, String> redirects = new LinkedHashMap<>();
            given.forEach((from, value) -> {
                String field = "redirects['" + from + "']";
                OldUrls.Key key = OldUrls.key(from, "/");
                String[] parts = from.split("/", 3);
                if (parts.length > 1 && from.startsWith("/") && languages.stream().anyMatch(l -> l.code().equalsIgnoreCase(parts[1]))
                        && (parts.length < 3 || parts[2].isEmpty() || OldUrls.key("/" + parts[2], "/").problem().isPresent())) {
                    problems.add(new Problem(field, "'" + from + "' is an address of the site's own pages, in " + parts[1]));
                } else if (key.problem().isPresent()) {
                    problems.add(new Problem(field, key.problem().get()));
                } else if (!(value instanceof String to) || !to.startsWith("/")) {
                    problems.add(new Problem(field, "must be a path of this site such as /blog/, not " + value));
                } else if (!link(to, field)) {
                    return; // named by link()
                } else if (to.length() > ArticlePaths.MAX_LENGTH || key.values().contains(to) || to.contains("?") || to.contains("#")) {
                    problems.add(new Problem(field, "must lead to another path of this site, without a query or fragment, of at most "
                            + ArticlePaths.MAX_LENGTH + " characters"));
                } else {
                    key.values().forEach(address -> redirects.put(address, to));
                }
            });
            // A target that is itself redirected would answer with a chain, or a loop the edge caches for a day.
            given.forEach((from, to) -> {
                if (to instanceof String target && OldUrls.key(target, "/").values().stream().anyMatch(redirects::containsKey)) {
                    problems.add(new Problem("redirects['" + from + "']", "leads to " + target + ", which redirects too: lead to where it ends"));
                }
            });
            return redirects;
        }

        Map<String, SiteShortcode> shortcodes(Map<String, Object> given) {
            if (given.size() > MAX_SHORTCODES) {
                problems.add(new Problem("shortcodes", "can map at most " + MAX_SHORTCODES + " shortcodes"));
                return Map.of();
            }
            Map<String, SiteShortcode> shortcodes = new LinkedHashMap<>();
            given.forEach((name, value) -> {
                String field = "shortcodes." + name;
                Map<String, Object> mapping = value instanceof Map<?, ?> m ? typed(m) : Map.of();
                if (!SiteShortcode.NAME.matcher(name).matches()) {
                    problems.add(new Problem(field, "is not a shortcode's name"));
                    return;
                }
                SiteShortcode.Result result;
                if (mapping.get("html") instanceof String html && !mapping.containsKey("as")) {
                    result = SiteShortcode.Snippet.read(html);
                } else if (mapping.get("as") instanceof String builtIn && !mapping.containsKey("html")) {
                    Map<String, String> renames = new LinkedHashMap<>();
                    map(mapping, "params").forEach((from, to) -> renames.put(from, String.valueOf(to)));
                    result = SiteShortcode.alias(builtIn, renames);
                } else {
                    result = SiteShortcode.Result.refused("must be either {as: a built-in, params: {its name: the built-in's}}"
                            + " or {html: a snippet with {{ placeholders }}}");
                }
                result.problem().ifPresent(problem -> problems.add(new Problem(field, problem)));
                result.shortcode().ifPresent(shortcode -> shortcodes.put(name, shortcode));
            });
            return shortcodes;
        }

        Optional<String> text(Map<String, Object> fields, String name, int max, String parent) {
            Object value = fields.get(name);
            if (!(value instanceof String text) || text.isBlank()) {
                problems.add(new Problem(parent + "." + name, "is required, as text"));
                return Optional.empty();
            }
            if (text.length() > max) {
                problems.add(new Problem(parent + "." + name, "can be at most " + max + " characters"));
                return Optional.empty();
            }
            return Optional.of(text.strip());
        }

        int weight(Object value, String field) {
            if (value == null) {
                return Integer.MAX_VALUE;
            }
            try {
                return Integer.parseInt(value.toString().strip());
            } catch (NumberFormatException e) {
                problems.add(new Problem(field, "must be a whole number"));
                return 0;
            }
        }

        /** A menu's link: a path of this site, or an http(s) address of another. */
        boolean link(String url, String field) {
            boolean ok;
            if (url.startsWith("/")) {
                ok = !url.startsWith("//") && url.chars().noneMatch(c -> c < 0x21 || c == '\\' || c == '"' || c == '<' || c == '>');
            } else {
                try {
                    URI uri = new URI(url);
                    ok = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
                } catch (URISyntaxException e) {
                    ok = false;
                }
            }
            if (!ok) {
                problems.add(new Problem(field, "must be a path of this site such as /about/, or an http(s) address, not " + url));
            }
            return ok;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> typed(Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
    }
}
