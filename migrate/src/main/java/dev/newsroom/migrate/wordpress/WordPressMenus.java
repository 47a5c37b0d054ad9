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
     * The menus, and what became of each menu item: in a menu, or left out and why.
     *
     * @param placed each menu item's outcome, by its id: empty where it is in its menu, else why it is not
     */
    record Menus(Map<String, List<Map<String, Object>>> menus, Map<Long, Optional<String>> placed) {
    }

    private WordPressMenus() {
    }

    /** @param published each imported post and page, as the publish function reads it, by its id */
    static Menus of(Wxr export, Map<Long, Article> published) {
        Listings listings = Listings.of(published);
        Map<String, List<Map<String, Object>>> menus = new LinkedHashMap<>();
        Map<Long, Optional<String>> placed = new LinkedHashMap<>();
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
                placed.put(item.id(), Optional.of("a menu item in no published menu"));
            } else if (link.isEmpty()) {
                placed.put(item.id(), Optional.of("a menu item left out of site.yaml's menus: it links nothing this import publishes"));
            } else if (name.isBlank()) {
                placed.put(item.id(), Optional.of("a menu item left out of site.yaml's menus: it has no name"));
            } else {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", name);
                entry.put("url", link.get().url());
                entry.put("weight", item.menuOrder());
                menus.computeIfAbsent(menu.get(), m -> new ArrayList<>()).add(entry);
                placed.put(item.id(), Optional.empty());
            }
        }
        return new Menus(menus, placed);
    }

    /** Where a menu item leads, and what it is called there. */
    private record Link(String url, String title) {
    }

    /** A custom link: one to the site itself becomes its path, one to another site stays; {@code #} and the like lead nowhere. */
    private static Optional<Link> custom(Wxr export, String url) {
        try {
            URI uri = new URI(url.strip());
            URI site = new URI(export.link());
            if (uri.getHost() != null && uri.getHost().equalsIgnoreCase(site.getHost())) {
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                return Optional.of(new Link(path, ""));
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
