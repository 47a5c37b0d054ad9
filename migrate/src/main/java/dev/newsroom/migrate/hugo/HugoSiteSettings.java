package dev.newsroom.migrate.hugo;

import dev.newsroom.migrate.SiteYaml;
import dev.newsroom.core.site.Permalinks;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code site.yaml} a Hugo site's configuration makes: each section's permalink pattern (Hugo's
 * own where the site sets one, else Hugo's default, the content path), its languages, its menus
 * ({@link HugoMenus}), and its parameters, which {@code param} shortcodes read. What Newsroom would
 * refuse is left out and said.
 */
final class HugoSiteSettings {

    /** Hugo's URL for a page whose section sets no pattern: its content path, with its slug in place of the file's name. */
    static final String CONTENT_PATH = "/:sections/:slugorcontentbasename/";

    private HugoSiteSettings() {
    }

    /** The file's bytes, validated as the publish function will validate them; {@code notes} say what was left out. */
    static Optional<byte[]> of(HugoConfig config, Collection<String> sections, Map<String, List<Map<String, Object>>> menus,
                               Map<String, String> redirects, List<String> notes) {
        Map<String, Object> permalinks = new LinkedHashMap<>();
        sections.stream().sorted().forEach(section -> {
            String pattern = config.permalinks().getOrDefault(section, CONTENT_PATH);
            Optional<String> problem = Permalinks.problem(pattern);
            problem.ifPresentOrElse(p -> notes.add("site.yaml: the permalink of " + section + " is left out: " + p),
                    () -> permalinks.put(section, pattern));
        });
        List<Map<String, Object>> languages = config.languages().values().stream()
                .sorted(Comparator.comparing((HugoConfig.Language l) -> !l.code().equals(config.defaultLanguage()))
                        .thenComparingInt(HugoConfig.Language::weight))
                .map(l -> Map.<String, Object>of("code", l.code(), "name", l.name().orElse(l.code()))).toList();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("permalinks", permalinks);
        settings.put("languages", languages);
        settings.put("menus", menus);
        settings.put("redirects", redirectsAllowed(languages, redirects, notes));
        settings.put("params", config.params());
        Optional<byte[]> written = SiteYaml.write("import hugo", settings, notes);
        // What a site brings most freely goes first: its params, then its menus, then its redirects.
        for (String optional : List.of("params", "menus", "redirects")) {
            if (written.isEmpty() && !((Map<?, ?>) settings.get(optional)).isEmpty()) {
                settings.remove(optional);
                notes.add("site.yaml: the site's " + optional + " are left out");
                written = SiteYaml.write("import hugo", settings, notes);
            }
        }
        return written;
    }

    /** The redirects Newsroom takes, each checked alone so that one it refuses leaves the others; that one is noted. */
    private static Map<String, String> redirectsAllowed(List<Map<String, Object>> languages, Map<String, String> redirects,
                                                        List<String> notes) {
        Map<String, String> allowed = new LinkedHashMap<>();
        redirects.forEach((from, to) -> SiteYaml.refusal(Map.of("languages", languages, "redirects", Map.of(from, to)))
                .ifPresentOrElse(refused -> notes.add("site.yaml: the redirect of " + from + " is left out: " + refused.getMessage()),
                        () -> allowed.put(from, to)));
        return allowed;
    }
}
