package dev.newsroom.core.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleMetadata;
import dev.newsroom.core.article.Author;
import dev.newsroom.core.article.LeadImage;
import dev.newsroom.core.article.RelatedArticle;
import dev.newsroom.core.site.SiteConfig;
import dev.newsroom.core.site.SiteLayout;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders pages with the templates compiled at build time. Templates escape every value for its
 * context; the only raw output is the body (already sanitised by {@link MarkdownRenderer}), the
 * JSON-LD (already encoded by {@link ScriptJson}), and the page's own comments script, a constant.
 * Thread-safe; build it once.
 */
public final class PageRenderer {

    /** The page's own script for comments: a constant of ours, the third raw output besides body and JSON-LD. */
    private static final String COMMENTS_SCRIPT = resource("comments.js");

    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final SiteConfig site;
    private final DateTimeFormatter dateText;

    public PageRenderer(SiteConfig site) {
        this.site = site;
        this.dateText = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.forLanguageTag(site.lang()));
    }

    public String article(Article article, List<RelatedArticle> related) {
        ArticleMetadata meta = article.metadata();
        String canonical = site.absolute(SiteLayout.articlePath(meta.slug()));
        String description = meta.summary().orElse("");
        LeadImage image = meta.image().orElse(null);
        var head = new PageHead(site.lang(), meta.title() + " | " + site.name(), blankToNull(description), canonical,
                site.name(), site.absolute("/"), true, "article",
                image == null ? null : site.absolute(image.src()), image == null ? null : image.alt(),
                site.twitter().orElse(null), ScriptJson.write(newsArticle(meta, canonical, description)),
                site.adSlots().isEmpty() ? null : site.adScript().map(URI::toString).orElse(null));
        LocalDate publishedDay = day(meta.published());
        boolean updatedShown = !day(meta.modified()).equals(publishedDay);
        var view = new ArticleView(head, meta.title(),
                meta.published().toString(), dateText.format(publishedDay),
                updatedShown ? meta.modified().toString() : null,
                updatedShown ? dateText.format(day(meta.modified())) : null,
                new ArticleView.Link(meta.category().name(), SiteLayout.categoryPath(meta.category().slug())),
                meta.authors().stream().map(PageRenderer::author).toList(),
                meta.tags().stream().map(t -> new ArticleView.Link(t.name(), SiteLayout.tagPath(t.slug()))).toList(),
                image == null ? null : image.src(), image == null ? null : image.alt(),
                article.bodyHtml(),
                related.stream().map(this::related).toList(),
                meta.commentsOpen(), SiteLayout.commentsApiPath(meta.slug()), site.captcha().provider(),
                site.captcha().siteKey(), site.captcha().script().toString(), COMMENTS_SCRIPT, site.adSlots());
        return render("article.jte", view);
    }

    /** The tombstone left where an unpublished article was: it tells readers, and keeps search engines away. */
    public String gone() {
        var head = new PageHead(site.lang(), "Article withdrawn | " + site.name(), null, null, site.name(),
                site.absolute("/"), false, null, null, null, null, null, null);
        return render("gone.jte", new GoneView(head));
    }

    private String render(String template, Object model) {
        var output = new StringOutput(16 * 1024);
        templates.render(template, model, output);
        return output.toString();
    }

    private static ArticleView.AuthorView author(Author author) {
        if (author.organisation()) {
            return new ArticleView.AuthorView(author.name(), null, null, null, null, null);
        }
        return new ArticleView.AuthorView(author.name(), SiteLayout.authorPath(author.slug()),
                author.bio().orElse(null), author.twitter().orElse(null),
                author.twitter().map(handle -> "https://twitter.com/" + handle).orElse(null),
                author.url().orElse(null));
    }

    private ArticleView.RelatedView related(RelatedArticle item) {
        LeadImage image = item.image().orElse(null);
        return new ArticleView.RelatedView(item.title(), SiteLayout.articlePath(item.slug()),
                item.published().toString(), dateText.format(day(item.published())),
                item.summary().orElse(null), image == null ? null : image.src(), image == null ? null : image.alt());
    }

    private ObjectNode newsArticle(ArticleMetadata meta, String canonical, String description) {
        var json = JsonNodeFactory.instance;
        ObjectNode node = json.objectNode();
        node.put("@context", "https://schema.org");
        node.put("@type", "NewsArticle");
        node.put("mainEntityOfPage", canonical);
        node.put("headline", meta.title());
        if (!description.isBlank()) {
            node.put("description", description);
        }
        node.put("datePublished", meta.published().toString());
        node.put("dateModified", meta.modified().toString());
        node.put("articleSection", meta.category().name());
        if (!meta.tags().isEmpty()) {
            node.put("keywords", String.join(", ", meta.tags().stream().map(t -> t.name()).toList()));
        }
        meta.image().ifPresent(image -> node.putArray("image").add(site.absolute(image.src())));
        ArrayNode authors = node.putArray("author");
        for (Author author : meta.authors()) {
            ObjectNode a = authors.addObject();
            a.put("@type", author.organisation() ? "Organization" : "Person");
            a.put("name", author.name());
            a.put("url", author.organisation() ? site.absolute("/") : site.absolute(SiteLayout.authorPath(author.slug())));
            author.twitter().ifPresent(handle -> a.putArray("sameAs").add("https://twitter.com/" + handle));
        }
        ObjectNode publisher = node.putObject("publisher");
        publisher.put("@type", "Organization");
        publisher.put("name", site.name());
        publisher.put("url", site.absolute("/"));
        site.logo().ifPresent(logo -> publisher.putObject("logo").put("@type", "ImageObject").put("url", logo));
        return node;
    }

    private static String resource(String name) {
        try (var in = PageRenderer.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("missing resource " + name, e);
        }
    }

    private LocalDate day(Instant instant) {
        return instant.atZone(site.zone()).toLocalDate();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
