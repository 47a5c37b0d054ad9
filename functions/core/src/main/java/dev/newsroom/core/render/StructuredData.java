package dev.newsroom.core.render;

import dev.newsroom.core.discussion.Discussion;
import dev.newsroom.core.discussion.ShownComment;
import dev.newsroom.core.article.ArticleMetadata;
import dev.newsroom.core.article.LeadImage;
import dev.newsroom.core.article.Author;
import dev.newsroom.core.site.SiteConfig;
import dev.newsroom.core.site.SiteLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON-LD that tells search engines what a page is: schema.org's {@code NewsArticle}, with its
 * authors and the site as publisher, for an article page.
 */
final class StructuredData {

    private final SiteConfig site;

    StructuredData(SiteConfig site) {
        this.site = site;
    }

    /** The article's {@code NewsArticle}, encoded for a script element. */
    /** @param discussion its approved comments: their count, and the newest {@value #COMMENTS_IN_DATA} as {@code Comment}s */
    String newsArticle(ArticleMetadata meta, String canonical, String description, Discussion discussion) {
        Map<String, Object> node = node(meta, canonical, description);
        if (discussion.count() > 0) {
            node.put("commentCount", discussion.count());
            List<ShownComment> shown = discussion.shown();
            List<Map<String, Object>> comments = new ArrayList<>();
            for (ShownComment comment : shown.subList(Math.max(0, shown.size() - COMMENTS_IN_DATA), shown.size())) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("@type", "Comment");
                Map<String, Object> author = new LinkedHashMap<>();
                author.put("@type", "Person");
                author.put("name", comment.name());
                c.put("author", author);
                c.put("dateCreated", comment.createdAt().toString());
                c.put("text", comment.body());
                c.put("url", canonical + "#c-" + comment.id());
                comments.add(c);
            }
            node.put("comment", comments);
        }
        return ScriptJson.write(node);
    }

    /** How many comments the structured data carries: the newest; the count says how many there are. */
    static final int COMMENTS_IN_DATA = 10;

    /** A static page's {@code WebPage}, encoded for a script element. */
    String webPage(ArticleMetadata meta, String canonical, String description) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("@context", "https://schema.org");
        node.put("@type", "WebPage");
        node.put("url", canonical);
        node.put("name", meta.title());
        if (!description.isBlank()) {
            node.put("description", description);
        }
        node.put("dateModified", meta.modified().toString());
        node.put("publisher", publisher());
        return ScriptJson.write(node);
    }

    private Map<String, Object> node(ArticleMetadata meta, String canonical, String description) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("@context", "https://schema.org");
        node.put("@type", "NewsArticle");
        node.put("mainEntityOfPage", canonical);
        node.put("headline", meta.title());
        if (!description.isBlank()) {
            node.put("description", description);
        }
        node.put("datePublished", meta.published().toString());
        node.put("dateModified", meta.modified().toString());
        if (!meta.corrections().isEmpty()) {
            node.put("correction", meta.corrections().stream().map(c -> {
                Map<String, Object> correction = new LinkedHashMap<>();
                correction.put("@type", "CorrectionComment");
                correction.put("text", c.text());
                correction.put("datePublished", c.at().orElse(meta.modified()).toString());
                return correction;
            }).toList());
        }
        node.put("articleSection", meta.category().name());
        if (!meta.tags().isEmpty()) {
            node.put("keywords", String.join(", ", meta.tags().stream().map(t -> t.name()).toList()));
        }
        meta.image().ifPresent(image -> node.put("image", List.of(image(image))));
        List<Map<String, Object>> authors = new ArrayList<>();
        for (Author author : meta.authors()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("@type", author.organisation() ? "Organization" : "Person");
            a.put("name", author.name());
            a.put("url", author.organisation() ? site.absolute("/") : site.absolute(SiteLayout.authorPath(author.slug())));
            author.twitter().ifPresent(handle -> a.put("sameAs", List.of("https://twitter.com/" + handle)));
            author.affiliation().ifPresent(name -> {
                // Ordered, as every node here is: the same article must give the same bytes in every JVM.
                Map<String, Object> organisation = new LinkedHashMap<>();
                organisation.put("@type", "Organization");
                organisation.put("name", name);
                a.put("affiliation", organisation);
            });
            authors.add(a);
        }
        node.put("author", authors);
        node.put("publisher", publisher());
        return node;
    }

    /** The lead image: its address, or with a caption or credit, an {@code ImageObject} that carries them. */
    private Object image(LeadImage image) {
        String url = site.absolute(image.src());
        if (image.caption().isEmpty() && image.credit().isEmpty()) {
            return url;
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("@type", "ImageObject");
        object.put("url", url);
        image.caption().ifPresent(caption -> object.put("caption", caption));
        image.credit().ifPresent(credit -> object.put("creditText", credit));
        return object;
    }

    private Map<String, Object> publisher() {
        Map<String, Object> publisher = new LinkedHashMap<>();
        publisher.put("@type", "Organization");
        publisher.put("name", site.name());
        publisher.put("url", site.absolute("/"));
        site.logo().ifPresent(logo -> {
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("@type", "ImageObject");
            image.put("url", logo);
            publisher.put("logo", image);
        });
        return publisher;
    }
}
