package dev.newsroom.migrate;

import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.settings.SiteSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The {@code site.yaml} an import writes from what the source site says: YAML that the publish
 * function is sure to accept, since it is read back as the publish function reads it first.
 */
public final class SiteYaml {

    private static final Dump YAML = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build());

    private SiteYaml() {
    }

    /**
     * The file's bytes, headed by where it came from ({@code import hugo}); none where Newsroom would
     * refuse it or a value cannot be written as YAML, with the reason in {@code notes}.
     */
    public static Optional<byte[]> write(String command, Map<String, Object> settings, List<String> notes) {
        try {
            return Optional.of(accepted("# Written by ./newsroom " + command + " from the site's configuration"
                    + " (docs/site-configuration.md).\n", settings));
        } catch (InvalidArticleException refused) {
            notes.add("site.yaml is not written as it is: " + refused.getMessage());
        } catch (RuntimeException notWritable) {
            notes.add("site.yaml is not written as it is: a value cannot be written as YAML (" + notWritable.getMessage() + ")");
        }
        return Optional.empty();
    }

    /**
     * The menus the publish function takes, with each item checked alone, so that one it refuses
     * leaves the others; a menu it refuses by its name, and what is over its limits, are left out
     * too. Each is noted.
     */
    public static Map<String, List<Map<String, Object>>> menusAllowed(Map<String, List<Map<String, Object>>> menus, List<String> notes) {
        Map<String, List<Map<String, Object>>> allowed = new LinkedHashMap<>();
        menus.forEach((menu, items) -> {
            if (allowed.size() == SiteSettings.MAX_MENUS) {
                notes.add("site.yaml: the menu " + menu + " is left out: site.yaml holds at most " + SiteSettings.MAX_MENUS + " menus");
                return;
            }
            List<Map<String, Object>> kept = new ArrayList<>();
            for (Map<String, Object> item : items) {
                Optional<InvalidArticleException> refused = refusal(Map.of("menus", Map.of(menu, List.of(item))));
                if (refused.isPresent()) {
                    notes.add("site.yaml: the menu entry " + item.getOrDefault("name", "") + " of " + menu + " is left out: "
                            + refused.get().getMessage());
                } else if (kept.size() == SiteSettings.MAX_MENU_ITEMS) {
                    notes.add("site.yaml: the menu entry " + item.get("name") + " of " + menu + " is left out: a menu holds at most "
                            + SiteSettings.MAX_MENU_ITEMS + " entries");
                } else {
                    kept.add(item);
                }
            }
            if (!kept.isEmpty()) {
                allowed.put(menu, kept);
            }
        });
        return allowed;
    }

    /** Whether the publish function accepts these settings; its refusal otherwise. */
    public static Optional<InvalidArticleException> refusal(Map<String, Object> settings) {
        try {
            accepted("", settings);
            return Optional.empty();
        } catch (InvalidArticleException refused) {
            return Optional.of(refused);
        }
    }

    private static byte[] accepted(String header, Map<String, Object> settings) throws InvalidArticleException {
        byte[] bytes = (header + YAML.dumpToString(ordered(settings))).getBytes(StandardCharsets.UTF_8);
        SiteSettings.read(bytes);
        return bytes;
    }

    /**
     * The value with every mapping's keys in order, whatever map built it ({@code Map.of} iterates in
     * an order that changes from one run to the next), so importing again writes the same file and
     * uploads nothing.
     */
    private static Object ordered(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new java.util.TreeMap<>();
            map.forEach((key, item) -> sorted.put(String.valueOf(key), ordered(item)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SiteYaml::ordered).toList();
        }
        return value;
    }
}
