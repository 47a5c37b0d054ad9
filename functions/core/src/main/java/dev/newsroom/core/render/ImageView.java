package dev.newsroom.core.render;

import dev.newsroom.core.article.LeadImage;
import java.util.Optional;

/** An image as a page shows it: where it is, the text that stands in for it, and what is said under it. */
public record ImageView(String src, String alt, Optional<String> caption, Optional<String> credit) {

    public ImageView(String src, String alt) {
        this(src, alt, Optional.empty(), Optional.empty());
    }

    /** A lead image with its caption and credit, at {@code src}. */
    static ImageView lead(LeadImage image, String src) {
        return new ImageView(src, image.alt(), image.caption(), image.credit());
    }
}
