package dev.newsroom.core.render;

/** The page left at an unpublished article's URL. */
public record GoneView(PageHead head) {
}
