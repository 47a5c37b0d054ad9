package dev.newsroom.core.render;

import java.util.List;

/**
 * The site shell's menus, from {@code site.yaml}: {@code main} under the site's name on every page,
 * {@code footer} at its foot. Each link goes to a path of the site or an http(s) address, as the
 * configuration was validated to give.
 */
public record Menus(List<Link> main, List<Link> footer) {

    /** One entry: its label and where it goes. */
    public record Link(String name, String url) {
    }

    /** A site that has configured none. */
    public static final Menus NONE = new Menus(List.of(), List.of());

    public Menus {
        main = List.copyOf(main);
        footer = List.copyOf(footer);
    }
}
