package dev.newsroom.migrate.wordpress;

import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.Term;
import dev.newsroom.core.site.SiteLayout;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A WordPress site's menus (Appearance > Menus), as {@code site.yaml} holds them: each menu by its
 * slug, its items in their order, each linking what it linked in WordPress where Newsroom has it: a
 * post or page at the path it is published at, a category's or tag's page where an imported post
 * gives it one, a custom link (one to the site itself as a path). An item nested under another is
 * listed flat, as {@code site.yaml}'s menus have one level. Pure.
 */
final class WordPressMenus {

    /**
     * The menus, and what became of each menu item, by its id.
     *
     * @param entries each menu item's entry in its menu
     * @param leftOut why each other menu item is in none
     */
    record Menus(Map<String, List<Map<String, Object>>> menus, Map<Long, Map<String, Object>> entries, Map<Long, String> leftOut) {
    }

    private WordPressMenus() {
    }

    /** @param published each imported post and page, as the publish function reads it, by its id */
    static Menus of(Wxr export, Map<Long, Article> published) {
        Listings listings = Listings.of(published);
        Map<String, List<Map<String, Object>>> menus = new LinkedHashMap<>();
        Map<Long, Map<String, Object>> entries = new LinkedHashMap<>();
        Map<Long, String> leftOut = new LinkedHashMap<>();
        for (Wxr.Item item : export.items()) {
            if (!item.type().equals("nav_menu_item")) {
                continue;
            }
            Optional<String> menu = item.terms().stream().filter(t -> t.domain().equals("nav_menu")).map(Wxr.Term::slug).findFirst();
            Optional<String> id = Optional.ofNullable(item.meta().get("_menu_item_object_id"));
            Optional<Link> link = switch (item.meta().getOrDefault("_menu_item_type", "")) {
                case "custom" -> custom(export, item.meta().getOrDefault("_menu_item_url", ""));
                case "post_type" -> id.map(WordPressMenus::number).flatMap(target -> Optional.ofNullable(published.get(target))
                        .map(article -> new Link(article.path(), article.metadata().title())));
                case "taxonomy" -> id.map(WordPressMenus::number).map(export.terms()::get).flatMap(listings::page);
                default -> Optional.empty();
            };
            String name = item.title().isBlank() ? link.map(Link::title).orElse("") : item.title();
            if (!item.status().equals("publish") || menu.isEmpty()) {
                leftOut.put(item.id(), "a menu item in no published menu");
            } else if (link.isEmpty()) {
                leftOut.put(item.id(), "a menu item left out of site.yaml's menus: it links nothing this import publishes");
            } else if (name.isBlank()) {
                leftOut.put(item.id(), "a menu item left out of site.yaml's menus: it has no name");
            } else {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", name);
                entry.put("url", link.get().url());
                entry.put("weight", item.menuOrder());
                menus.computeIfAbsent(menu.get(), m -> new ArrayList<>()).add(entry);
                entries.put(item.id(), entry);
            }
        }
        return new Menus(menus, entries, leftOut);
    }

    /** Where a menu item leads, and what it is called there. */
    private record Link(String url, String title) {
    }

    /**
     * A custom link: one to the site itself (by its address, or a path) becomes its path, with any
     * query ({@code /?page_id=5} answers 301 as an alias does); one to another site stays; {@code #}
     * and the like lead nowhere.
     */
    private static Optional<Link> custom(Wxr export, String url) {
        try {
            URI uri = new URI(url.strip());
            URI site = new URI(export.link());
            boolean here = uri.getHost() == null ? uri.getScheme() == null && uri.getRawPath() != null && uri.getRawPath().startsWith("/")
                    : uri.getHost().equalsIgnoreCase(site.getHost());
            if (here) {
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                return Optional.of(new Link(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery(), ""));
            }
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return web && uri.getHost() != null ? Optional.of(new Link(uri.toString(), "")) : Optional.empty();
        } catch (java.net.URISyntaxException | NullPointerException notALink) {
            return Optional.empty();
        }
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The category and tag pages the imported posts give Newsroom, by slug: a WordPress category
     * is a Newsroom category where it is some post's first, else a tag.
     */
    private record Listings(Set<String> categories, Set<String> tags) {

        static Listings of(Map<Long, Article> published) {
            Set<String> categories = new HashSet<>();
            Set<String> tags = new HashSet<>();
            published.values().stream().map(Article::metadata).filter(meta -> !meta.page()).forEach(meta -> {
                categories.add(meta.category().slug());
                meta.tags().forEach(tag -> tags.add(tag.slug()));
            });
            return new Listings(categories, tags);
        }

        Optional<Link> page(Wxr.Term term) {
            String slug = Term.named(term.name()).slug();
            if (term.domain().equals("category") && categories.contains(slug)) {
                return Optional.of(new Link(SiteLayout.categoryPath(slug), term.name()));
            }
            if ((term.domain().equals("category") || term.domain().equals("post_tag")) && tags.contains(slug)) {
                return Optional.of(new Link(SiteLayout.tagPath(slug), term.name()));
            }
            return Optional.empty();
        }
    }
}
