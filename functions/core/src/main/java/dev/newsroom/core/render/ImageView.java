package dev.newsroom.core.render;

/** An image as a page shows it: where it is and the text that stands in for it. */
public record ImageView(String src, String alt) {
}
