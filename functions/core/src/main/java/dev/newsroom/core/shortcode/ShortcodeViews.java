package dev.newsroom.core.shortcode;

/**
 * What the shortcode templates ({@code src/main/jte/shortcode}) show. A null attribute value leaves
 * the attribute out; fields named {@code …Html} are Markdown already rendered, which the body's
 * sanitiser checks with everything else.
 */
public final class ShortcodeViews {

    private ShortcodeViews() {
    }

    public record Figure(String src, String alt, String link, String width, String height, String title,
                         String captionHtml, String attributionHtml, String attributionLink) {

        public boolean captioned() {
            return title != null || !captionHtml.isEmpty() || attributionHtml != null;
        }
    }

    public record Video(String src, String title) {
    }

    public record LinkCard(String url, String text) {
    }

    public record CodeBlock(String languageClass, String code) {
    }

    public record Details(boolean open, String summaryHtml, String contentHtml) {
    }
}
