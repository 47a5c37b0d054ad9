package dev.newsroom.core.article;

import dev.newsroom.core.image.StoredImage;
import java.util.Optional;

/**
 * The image shown at the top of the article and in shares. {@code src} is a site path
 * ({@code /assets/...}) or an absolute https URL; an empty {@code alt} marks it decorative. Its
 * caption says what it shows, and its credit whose it is; the page shows both under it. {@code
 * stored} is what the site knows of it, once it is uploaded: its size and its variants.
 */
public record LeadImage(String src, String alt, Optional<String> caption, Optional<String> credit, Optional<StoredImage> stored) {

    public LeadImage(String src, String alt) {
        this(src, alt, Optional.empty(), Optional.empty());
    }

    public LeadImage(String src, String alt, Optional<String> caption, Optional<String> credit) {
        this(src, alt, caption, credit, Optional.empty());
    }

    /** This image, with what the site knows of it. */
    public LeadImage stored(Optional<StoredImage> known) {
        return new LeadImage(src, alt, caption, credit, known);
    }
}
