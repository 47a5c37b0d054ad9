package dev.newsroom.core.render;

import java.util.Optional;

/** A static page (About, Contact): its headline, lead image and body, and nothing of an article's news furniture. */
public record StaticPageView(PageHead head, String headline, Optional<ImageView> image, String bodyHtml) {
}
