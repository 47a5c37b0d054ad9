package dev.newsroom.core.render;

import dev.newsroom.core.article.LeadImage;
import dev.newsroom.core.image.StoredImage;
import java.util.Optional;

/**
 * An image as a page shows it: where it is, the text that stands in for it, what is said under it,
 * and, once the site has it, its size and variants. The attribute methods answer {@code null} for
 * what is not known, which jte leaves out of the tag.
 */
public record ImageView(String src, String alt, Optional<String> caption, Optional<String> credit, Optional<StoredImage> stored) {

    /** A lead image with its caption, credit and what the site knows of it, at {@code src}. */
    static ImageView lead(LeadImage image, String src) {
        return new ImageView(src, image.alt(), image.caption(), image.credit(), image.stored());
    }

    public Integer width() {
        return stored.map(s -> s.size().width()).orElse(null);
    }

    public Integer height() {
        return stored.map(s -> s.size().height()).orElse(null);
    }

    /** The image and its width variants, for {@code srcset}; {@code null} without variants. */
    public String srcset() {
        return stored.map(s -> s.srcset(src)).filter(set -> !set.isEmpty()).orElse(null);
    }

    /** How wide it is shown, for {@code sizes}: the column; {@code null} without variants. */
    public String sizes() {
        return srcset() == null ? null : StoredImage.COLUMN_SIZES;
    }
}
