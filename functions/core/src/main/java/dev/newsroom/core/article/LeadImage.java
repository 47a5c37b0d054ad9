package dev.newsroom.core.article;

/**
 * The image shown at the top of the article and in shares. {@code src} is a site path
 * ({@code /assets/...}) or an absolute https URL; an empty {@code alt} marks it decorative.
 */
public record LeadImage(String src, String alt) {
}
