package dev.newsroom.core.render;

/** A date as a page shows it: machine-readable in a {@code <time>} element, and as readers read it. */
public record DateView(String iso, String text) {
}
