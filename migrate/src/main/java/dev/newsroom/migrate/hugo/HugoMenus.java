package dev.newsroom.migrate.hugo;

import dev.newsroom.migrate.SiteYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Hugo site's menus, as {@code site.yaml} holds them: the entries its configuration defines (the
 * site's own and its default language's), and the pages whose front matter puts them in a menu
 * ({@code menus: main}, or with a {@code name} and {@code weight}). An entry's link is its {@code url},
 * else the URL of the page its {@code pageRef} names. {@code site.yaml}'s menus are flat and of one
 * language, so what does not fit is left out or flattened, and each such choice is noted. Pure.
 */
final class HugoMenus {

    private HugoMenus() {
    }

    /**
     * @param frontMatter each page's front matter, where it could be read
     * @param pageUrls    where each page the import publishes is published
     * @param refs        the pages by their paths, for {@code pageRef}
     * @return each menu's items as {@code site.yaml} writes them ({@code name}, {@code url}, {@code weight})
     */
    static Map<String, List<Map<String, Object>>> of(HugoConfig config, Map<HugoContent.Page, Map<String, Object>> frontMatter,
                                                     Map<HugoContent.Page, String> pageUrls, HugoRefs refs, List<String> notes) {
        Map<String, String> titles = new LinkedHashMap<>();
        frontMatter.forEach((page, fields) -> title(fields).filter(title -> pageUrls.containsKey(page))
                .ifPresent(title -> titles.putIfAbsent(pageUrls.get(page), title)));
        Lookup urls = new Lookup(config, pageUrls, refs, titles, notes);
        Map<String, List<Map<String, Object>>> menus = new LinkedHashMap<>();
        config.menus().forEach((language, defined) -> {
            if (language.isEmpty() || language.equals(config.defaultLanguage())) {
                defined.forEach((menu, entries) -> listed(entries).forEach(entry ->
                        urls.item(entry, Optional.empty()).ifPresent(item -> add(menus, menu, item))));
            } else if (!defined.isEmpty()) {
                notes.add("site.yaml: the menus of " + language + " are left out: site.yaml's menus are the site's, in its default language");
            }
        });
        frontMatter.forEach((page, fields) -> {
            Object value = HugoConfig.get(fields, "menus").or(() -> HugoConfig.get(fields, "menu")).orElse(null);
            boolean published = pageUrls.containsKey(page) || page.kind() == HugoContent.Kind.SECTION;
            if (value == null || !published || HugoConfig.text(fields, "draft").map(Boolean::parseBoolean).orElse(false)) {
                return; // a page the import leaves out says so in its own outcome
            }
            if (!page.language().equals(config.defaultLanguage())) {
                notes.add("site.yaml: " + page.contentPath() + " (" + page.language() + ") is left out of its menus: site.yaml's menus are in the default language");
                return;
            }
            entries(value).forEach((menu, entry) -> urls.item(entry, Optional.of(page)).ifPresent(item -> {
                if (!item.containsKey("weight")) {
                    weight(fields).ifPresent(weight -> item.put("weight", weight));
                }
                add(menus, menu, item);
            }));
        });
        return SiteYaml.menusAllowed(menus, notes);
    }

    /** A page's {@code menus}: one name, a list of names, or a mapping of names to entries. */
    private static Map<String, Map<String, Object>> entries(Object value) {
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            HugoConfig.object(map).forEach((menu, entry) ->
                    entries.put(menu, entry instanceof Map<?, ?> fields ? HugoConfig.object(fields) : new LinkedHashMap<>()));
        } else if (value instanceof List<?> names) {
            names.forEach(name -> entries.put(String.valueOf(name), new LinkedHashMap<>()));
        } else if (!value.toString().isBlank()) {
            entries.put(value.toString(), new LinkedHashMap<>());
        }
        return entries;
    }

    private static List<Map<String, Object>> listed(Object entries) {
        return entries instanceof List<?> list ? list.stream().filter(Map.class::isInstance)
                .map(entry -> HugoConfig.object((Map<?, ?>) entry)).toList() : List.of();
    }

    /** What an entry's link and name are found from. */
    private record Lookup(HugoConfig config, Map<HugoContent.Page, String> pageUrls, HugoRefs refs, Map<String, String> titles,
                          List<String> notes) {

        /**
         * One entry in {@code site.yaml}'s terms, named by its {@code name}, else its page's title;
         * none, with a note, where it links nothing Newsroom publishes.
         */
        Optional<Map<String, Object>> item(Map<String, Object> entry, Optional<HugoContent.Page> page) {
            String called = HugoConfig.text(entry, "name").or(() -> HugoConfig.text(entry, "identifier"))
                    .or(() -> page.map(HugoContent.Page::contentPath)).orElse("an entry");
            Optional<String> pageRef = HugoConfig.text(entry, "pageRef");
            Optional<String> url = HugoConfig.text(entry, "url")
                    .or(() -> pageRef.flatMap(ref -> refs.fromRoot(ref, config.defaultLanguage())))
                    .or(() -> page.filter(p -> pageRef.isEmpty() && p.kind() != HugoContent.Kind.SECTION).map(pageUrls::get));
            if (url.isEmpty()) {
                notes.add("site.yaml: the menu entry " + called + " is left out: it links "
                        + pageRef.map(ref -> "pageRef " + ref + ", which names no page Newsroom publishes").orElse("a section's list")
                        + " (Newsroom makes its own listings)");
                return Optional.empty();
            }
            Optional<String> name = HugoConfig.text(entry, "name").or(() -> Optional.ofNullable(titles.get(url.get())));
            if (name.isEmpty()) {
                notes.add("site.yaml: the menu entry " + called + " is left out: it has no name");
                return Optional.empty();
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", name.get());
            item.put("url", url.get());
            weight(entry).ifPresent(weight -> item.put("weight", weight));
            HugoConfig.text(entry, "parent").ifPresent(parent -> notes.add("site.yaml: the menu entry " + called
                    + " is listed flat, without its parent " + parent + ": site.yaml's menus have one level"));
            return Optional.of(item);
        }
    }

    /** What a page is called in a menu: its {@code linkTitle}, else its title. */
    private static Optional<String> title(Map<String, Object> fields) {
        return HugoConfig.text(fields, "linkTitle").or(() -> HugoConfig.text(fields, "title"));
    }

    private static Optional<Integer> weight(Map<String, Object> fields) {
        return HugoConfig.text(fields, "weight").flatMap(text -> {
            try {
                return Optional.of(Integer.parseInt(text));
            } catch (NumberFormatException notAWholeNumber) {
                return Optional.empty();
            }
        });
    }

    private static void add(Map<String, List<Map<String, Object>>> menus, String menu, Map<String, Object> item) {
        menus.computeIfAbsent(menu.toLowerCase(Locale.ROOT), name -> new ArrayList<>()).add(item);
    }
}
