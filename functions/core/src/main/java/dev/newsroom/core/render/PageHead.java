package dev.newsroom.core.render;

import java.util.List;
import java.util.Optional;

/**
 * What the {@code <head>} of any page says, for browsers, search engines and link previews. What is
 * absent is left out of the page. Built with {@link #of}.
 *
 * @param indexable whether search engines may index the page
 * @param preview   how link previews (Open Graph, Twitter cards) show the page
 * @param jsonLd    structured data about the page, already encoded for a script element
 * @param alternates the page's versions in the site's languages, by {@code hreflang}
 */
public record PageHead(Site site, String title, Optional<String> description, Optional<String> canonicalUrl,
                       boolean indexable, Optional<String> feedUrl, Optional<LinkPreview> preview,
                       Optional<String> jsonLd, Optional<String> adScriptUrl, List<Alternate> alternates, Optional<ImageView> preload) {

    /**
     * What every page says of the site it is on, in the page's language.
     *
     * @param words the interface's words in that language
     * @param shell its style sheet, scripts and content policy, the same on every page
     * @param menus its navigation, as the site configuration in force gives it
     */
    public record Site(String lang, String name, String homeUrl, Words words, PageShell shell, Menus menus) {

        Site with(Menus other) {
            return new Site(lang, name, homeUrl, words, shell, other);
        }
    }

    /** @param type Open Graph's type of the page: {@code article} or {@code website} */
    public record LinkPreview(String type, Optional<ImageView> image, Optional<String> twitterSite) {
    }

    /** A version of the page in a language: {@code hreflang} and absolute URL. */
    public record Alternate(String lang, String url) {
    }

    public PageHead {
        alternates = List.copyOf(alternates);
        if (preview.isPresent() && canonicalUrl.isEmpty()) {
            throw new IllegalArgumentException("a link preview points to the page's canonical URL");
        }
    }

    /** A head with the page's title and nothing more: no description, no preview, not indexed, until the builder says so. */
    public static Builder of(Site site, String title) {
        return new Builder(site, title);
    }

    public static final class Builder {

        private final Site site;
        private final String title;
        private Optional<String> description = Optional.empty();
        private Optional<String> canonicalUrl = Optional.empty();
        private boolean indexable;
        private Optional<String> feedUrl = Optional.empty();
        private Optional<LinkPreview> preview = Optional.empty();
        private Optional<String> jsonLd = Optional.empty();
        private Optional<String> adScriptUrl = Optional.empty();
        private List<Alternate> alternates = List.of();
        private Optional<ImageView> preload = Optional.empty();

        private Builder(Site site, String title) {
            this.site = site;
            this.title = title;
        }

        /** A blank description is none. */
        public Builder description(Optional<String> text) {
            this.description = text.filter(d -> !d.isBlank());
            return this;
        }

        public Builder alternates(List<Alternate> versions) {
            this.alternates = versions;
            return this;
        }

        public Builder canonicalUrl(String url) {
            this.canonicalUrl = Optional.of(url);
            return this;
        }

        public Builder indexable(boolean indexable) {
            this.indexable = indexable;
            return this;
        }

        public Builder feedUrl(Optional<String> url) {
            this.feedUrl = url;
            return this;
        }

        public Builder preview(LinkPreview preview) {
            this.preview = Optional.of(preview);
            return this;
        }

        public Builder jsonLd(String encoded) {
            this.jsonLd = Optional.of(encoded);
            return this;
        }

        public Builder adScriptUrl(Optional<String> url) {
            this.adScriptUrl = url;
            return this;
        }

        /** The image the page shows first and largest: fetched before the parser reaches it. */
        public Builder preload(Optional<ImageView> image) {
            this.preload = image;
            return this;
        }

        public PageHead build() {
            return new PageHead(site, title, description, canonicalUrl, indexable, feedUrl, preview, jsonLd, adScriptUrl, alternates,
                    preload);
        }
    }
}
