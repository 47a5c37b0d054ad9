package dev.newsroom.core.article;

import java.util.Optional;

/**
 * The image shown at the top of the article and in shares. {@code src} is a site path
 * ({@code /assets/...}) or an absolute https URL; an empty {@code alt} marks it decorative. Its
 * caption says what it shows, and its credit whose it is; the page shows both under it.
 */
public record LeadImage(String src, String alt, Optional<String> caption, Optional<String> credit) {

    public LeadImage(String src, String alt) {
        this(src, alt, Optional.empty(), Optional.empty());
    }
}
