package dev.newsroom.migrate.hugo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A Hugo site's own configuration, as Hugo reads it: {@code hugo.*} or {@code config.*} (TOML, YAML or
 * JSON) at the site's root, merged with {@code config/_default/}, where {@code hugo.*} holds top-level
 * keys and any other file the key it is named after ({@code languages.yaml}). Keys match without
 * case, as in Hugo. Only what an import needs is kept.
 *
 * @param staticDir    the folder of files served as they are, from the site's root ({@code static})
 * @param permalinks   each top-level section's pattern for its pages ({@code posts → /:year/:month/:slug/})
 * @param neverRendered content paths that a {@code cascade} marks {@code build.render: never}
 * @param menus        the menus the configuration defines, by language code; the site's own, for
 *                     every language, under the empty code
 */
public record HugoConfig(String title, String baseUrl, String defaultLanguage, boolean defaultLanguageInSubdir,
                         Map<String, Language> languages, String contentDir, String staticDir, Map<String, String> permalinks,
                         boolean buildExpired, List<Pattern> ignoreFiles,
                         Map<String, Object> params, List<PathMatcher> neverRendered, Map<String, Map<String, Object>> menus,
                         List<String> sources) {

    /**
     * A language the site publishes in; {@code contentDir} is empty where its content shares the
     * site's, and {@code name} is its label (or languageName) where the site gives one.
     */
    public record Language(String code, Optional<String> contentDir, int weight, Optional<String> name) {
    }

    private static final List<String> EXTENSIONS = List.of("toml", "yaml", "yml", "json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TomlMapper TOML = new TomlMapper();

    public static HugoConfig read(Path site) throws IOException {
        Map<String, Object> merged = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>();
        for (String name : List.of("hugo", "config")) {
            for (String extension : EXTENSIONS) {
                Path file = site.resolve(name + "." + extension);
                if (Files.isRegularFile(file) && sources.isEmpty()) {
                    merged.putAll(parse(file));
                    sources.add(site.relativize(file).toString());
                }
            }
        }
        Path directory = site.resolve("config/_default");
        Map<String, Object> languageMenus = new LinkedHashMap<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.sorted(Comparator.comparing(Path::toString)).toList()) {
                    String fileName = file.getFileName().toString();
                    int dot = fileName.lastIndexOf('.');
                    if (dot < 0 || !EXTENSIONS.contains(fileName.substring(dot + 1))) {
                        continue;
                    }
                    String key = fileName.substring(0, dot);
                    if (key.equals("hugo") || key.equals("config")) {
                        merged.putAll(parse(file));
                    } else if (!key.contains(".")) {
                        merged.put(key, parse(file));
                    } else if (key.toLowerCase(Locale.ROOT).matches("menus?\\.[a-z0-9-]+")) { // menus.en.toml: one language's
                        languageMenus.put(key.substring(key.indexOf('.') + 1).toLowerCase(Locale.ROOT), parse(file));
                    }
                    sources.add(site.relativize(file).toString());
                }
            }
        }
        if (!languageMenus.isEmpty()) {
            Map<String, Object> languages = map(merged, "languages");
            String defaultLanguage = text(merged, "defaultContentLanguage").orElse("en");
            languageMenus.forEach((code, menus) -> {
                // Hugo reads the menus of the languages the site has; a file for another is not one of them.
                if (get(languages, code).isPresent() || code.equalsIgnoreCase(defaultLanguage)) {
                    Map<String, Object> language = map(languages, code);
                    language.put("menus", menus);
                    languages.put(code, language);
                }
            });
            merged.put("languages", languages);
        }
        if (sources.isEmpty()) {
            throw new IOException("no Hugo configuration in " + site + ": expected hugo.toml, hugo.yaml, config.toml,"
                    + " config.yaml or config/_default/");
        }
        return from(merged, sources);
    }

    static HugoConfig from(Map<String, Object> config, List<String> sources) {
        String defaultLanguage = text(config, "defaultContentLanguage").orElse("en").toLowerCase(Locale.ROOT);
        Map<String, Language> languages = new LinkedHashMap<>();
        Map<String, Map<String, Object>> menus = new LinkedHashMap<>();
        menus.put("", menus(config));
        map(config, "languages").forEach((code, value) -> {
            Map<String, Object> language = value instanceof Map<?, ?> m ? object(m) : Map.of();
            menus.put(code.toLowerCase(Locale.ROOT), menus(language));
            languages.put(code.toLowerCase(Locale.ROOT), new Language(code.toLowerCase(Locale.ROOT),
                    text(language, "contentDir"), text(language, "weight").map(Integer::parseInt).orElse(0),
                    text(language, "label").or(() -> text(language, "languageName"))));
        });
        languages.putIfAbsent(defaultLanguage, new Language(defaultLanguage, Optional.empty(), 0, Optional.empty()));
        Map<String, String> permalinks = new LinkedHashMap<>();
        Map<String, Object> configured = map(config, "permalinks");
        Map<String, Object> pages = get(configured, "page").filter(Map.class::isInstance).map(m -> object((Map<?, ?>) m))
                .orElse(configured); // the older form maps sections to patterns directly
        pages.forEach((section, pattern) -> {
            if (pattern instanceof String text) {
                permalinks.put(section, text);
            }
        });
        List<Pattern> ignoreFiles = list(config, "ignoreFiles").stream().map(Object::toString).map(Pattern::compile).toList();
        List<PathMatcher> neverRendered = new ArrayList<>();
        for (Object entry : list(config, "cascade")) {
            if (!(entry instanceof Map<?, ?> cascade)) {
                continue;
            }
            Map<String, Object> rule = object(cascade);
            boolean never = get(rule, "build").filter(Map.class::isInstance)
                    .flatMap(build -> text(object((Map<?, ?>) build), "render")).map("never"::equals).orElse(false);
            Optional<String> path = get(rule, "target").filter(Map.class::isInstance)
                    .flatMap(target -> text(object((Map<?, ?>) target), "path"));
            if (never && path.isPresent()) {
                neverRendered.add(FileSystems.getDefault().getPathMatcher("glob:" + path.get()));
            }
        }
        return new HugoConfig(text(config, "title").orElse(""), text(config, "baseURL").orElse(""), defaultLanguage,
                flag(config, "defaultContentLanguageInSubdir"), languages, text(config, "contentDir").orElse("content"),
                text(config, "staticDir").orElse("static"), permalinks, flag(config, "buildExpired"), ignoreFiles, map(config, "params"),
                neverRendered, menus, sources);
    }

    /** Hugo reads a configuration's menus from {@code menus} or {@code menu}. */
    private static Map<String, Object> menus(Map<String, Object> config) {
        Map<String, Object> menus = map(config, "menu");
        menus.putAll(map(config, "menus"));
        return menus;
    }

    public boolean isLanguage(String code) {
        return languages.containsKey(code.toLowerCase(Locale.ROOT));
    }

    /** True for a content path ({@code /blog/_includes/x.md}) that the site never renders. */
    public boolean neverRenders(String contentPath) {
        Path path = Path.of(contentPath);
        return neverRendered.stream().anyMatch(matcher -> matcher.matches(path));
    }

    private static Map<String, Object> parse(Path file) throws IOException {
        String name = file.getFileName().toString();
        try {
            if (name.endsWith(".toml")) {
                return TOML.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
            }
            if (name.endsWith(".json")) {
                return JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
            }
            Object yaml = new Load(LoadSettings.builder().setLabel(name).build()).loadFromString(Files.readString(file));
            return yaml instanceof Map<?, ?> map ? object(map) : new LinkedHashMap<>();
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not valid configuration: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> object(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((key, value) -> out.put(String.valueOf(key), value));
        return out;
    }

    /** A key's value, its name matched without case as Hugo matches configuration keys. */
    static Optional<Object> get(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            for (Map.Entry<String, Object> entry : map.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(key)) {
                    value = entry.getValue();
                    break;
                }
            }
        }
        return Optional.ofNullable(value);
    }

    static Optional<String> text(Map<String, Object> map, String key) {
        return get(map, key).filter(v -> !(v instanceof Map) && !(v instanceof List)).map(String::valueOf)
                .map(String::strip).filter(v -> !v.isEmpty());
    }

    private static boolean flag(Map<String, Object> map, String key) {
        return text(map, key).map(Boolean::parseBoolean).orElse(false);
    }

    private static Map<String, Object> map(Map<String, Object> map, String key) {
        return get(map, key).filter(Map.class::isInstance).map(m -> object((Map<?, ?>) m)).orElseGet(LinkedHashMap::new);
    }

    private static List<Object> list(Map<String, Object> map, String key) {
        Object value = get(map, key).orElse(List.of());
        if (value instanceof Map<?, ?> single) {
            return List.of(single); // a cascade may be one table
        }
        return value instanceof List<?> items ? new ArrayList<>(items) : List.of();
    }
}
