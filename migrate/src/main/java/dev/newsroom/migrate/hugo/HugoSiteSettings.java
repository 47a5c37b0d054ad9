package dev.newsroom.migrate.hugo;

import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.settings.SiteSettings;
import dev.newsroom.core.site.Permalinks;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The {@code site.yaml} a Hugo site's configuration makes: each section's permalink pattern (Hugo's
 * own where the site sets one, else Hugo's default, the content path), its languages, its menus
 * ({@link HugoMenus}), and its parameters, which {@code param} shortcodes read. What Newsroom would
 * refuse is left out and said.
 */
final class HugoSiteSettings {

    /** Hugo's URL for a page whose section sets no pattern: its content path, with its slug in place of the file's name. */
    static final String CONTENT_PATH = "/:sections/:slugorcontentbasename/";

    private static final Dump YAML = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build());

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
        Optional<byte[]> written = valid(settings, notes);
        // What a site brings most freely goes first: its params, then its menus, then its redirects.
        for (String optional : List.of("params", "menus", "redirects")) {
            if (written.isEmpty() && !((Map<?, ?>) settings.get(optional)).isEmpty()) {
                settings.remove(optional);
                notes.add("site.yaml: the site's " + optional + " are left out");
                written = valid(settings, notes);
            }
        }
        return written;
    }

    /** The redirects Newsroom takes, each checked alone so that one it refuses leaves the others; that one is noted. */
    private static Map<String, String> redirectsAllowed(List<Map<String, Object>> languages, Map<String, String> redirects,
                                                        List<String> notes) {
        Map<String, String> allowed = new LinkedHashMap<>();
        redirects.forEach((from, to) -> {
            try {
                SiteSettings.read(YAML.dumpToString(Map.of("languages", languages, "redirects", Map.of(from, to))).getBytes(StandardCharsets.UTF_8));
                allowed.put(from, to);
            } catch (InvalidArticleException refused) {
                notes.add("site.yaml: the redirect of " + from + " is left out: " + refused.getMessage());
            }
        });
        return allowed;
    }

    private static Optional<byte[]> valid(Map<String, Object> settings, List<String> notes) {
        try {
            byte[] bytes = ("# Written by ./newsroom import hugo from the site's configuration (docs/site-configuration.md).\n"
                    + YAML.dumpToString(settings)).getBytes(StandardCharsets.UTF_8);
            SiteSettings.read(bytes);
            return Optional.of(bytes);
        } catch (InvalidArticleException refused) {
            notes.add("site.yaml is not written as it is: " + refused.getMessage());
        } catch (RuntimeException notWritable) {
            notes.add("site.yaml is not written as it is: a value cannot be written as YAML (" + notWritable.getMessage() + ")");
        }
        return Optional.empty();
    }
}
