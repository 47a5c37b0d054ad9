package dev.newsroom.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.Correction;
import dev.newsroom.core.article.LeadImage;
import dev.newsroom.core.article.RelatedArticle;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class PageRendererTest {

    /** An independent reader: the page's JSON-LD must parse as any client would read it. */
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String HOSTILE = "\"><script>alert(1)</script><img src=x onerror=alert(2)>' onmouseover='alert(3)</script>\u2028&amp;";

    private final PageRenderer renderer = new PageRenderer(SamplePages.site(Map.of()));

    private Document page(Article article, List<RelatedArticle> related) {
        return Jsoup.parse(renderer.article(article, related, List.of()));
    }

    @Test
    void hasEverythingTheOriginalPageHas() throws Exception {
        Document doc = page(SamplePages.full(), List.of());
        assertEquals("en", doc.selectFirst("html").attr("lang"));
        assertEquals("Harbour bridge reopens after two-year rebuild | The Daily Example", doc.title());
        assertEquals("Harbour bridge reopens after two-year rebuild", doc.selectFirst("main h1").text());
        assertEquals(1, doc.select("h1").size());
        assertEquals("/category/city", doc.selectFirst(".kicker a").attr("href"));
        assertEquals("2026-11-20T07:30:00Z", doc.select(".meta time").get(0).attr("datetime"));
        assertEquals("20 November 2026", doc.select(".meta time").get(0).text());
        assertEquals("22 November 2026", doc.select(".meta time").get(1).text(), "updated on a later day");
        Element author = doc.selectFirst(".author");
        assertEquals("Amara Okafor", author.selectFirst("h2").text());
        assertEquals("Amara covers transport and city planning.", author.selectFirst("p").text());
        assertEquals("https://twitter.com/amara_writes", author.selectFirst("a[href*=twitter]").attr("href"));
        assertEquals(List.of("Transport", "Infrastructure", "Harbour District"), doc.select(".tags a").eachText());
        assertEquals("/tag/harbour-district", doc.select(".tags a").get(2).attr("href"));
        assertNotNull(doc.selectFirst(".body table"));
        assertEquals("/assets/2026/bridge.jpg", doc.selectFirst(".lead img").attr("src"));
        assertEquals("The rebuilt bridge at dawn, with cyclists on the new lane", doc.selectFirst(".lead img").attr("alt"));
        Element form = doc.selectFirst("#comments form");
        assertEquals("/api/articles/articles~harbour-bridge-reopens/comments", form.attr("action"));
        for (Element field : form.select("input:not([tabindex=-1]):not([type=hidden]), textarea")) {
            assertNotNull(doc.selectFirst("label[for=" + field.id() + "]"), () -> "no label for " + field);
        }
        assertTrue(doc.select(".ad").isEmpty(), "advertisements are off unless configured");
        assertTrue(doc.select(".more").isEmpty(), "no related list yet");
        assertNotNull(doc.selectFirst("header"));
        assertNotNull(doc.selectFirst("main#main"));
        assertNotNull(doc.selectFirst("footer"));
    }

    @Test
    void describesItselfForSearchAndSharing() throws Exception {
        Document doc = page(SamplePages.full(), List.of());
        String canonical = "https://news.example.org/articles/harbour-bridge-reopens";
        assertEquals(canonical, doc.selectFirst("link[rel=canonical]").attr("href"));
        assertEquals("The crossing carries traffic again, with a protected cycle lane and wider footpaths.",
                doc.selectFirst("meta[name=description]").attr("content"));
        assertEquals("article", meta(doc, "og:type"));
        assertEquals(canonical, meta(doc, "og:url"));
        assertEquals("https://news.example.org/assets/2026/bridge.jpg", meta(doc, "og:image"));
        assertEquals("summary_large_image", doc.selectFirst("meta[name=twitter:card]").attr("content"));
        JsonNode ld = JSON.readTree(doc.selectFirst("script[type=application/ld+json]").data());
        assertEquals("NewsArticle", ld.get("@type").asText());
        assertEquals("Harbour bridge reopens after two-year rebuild", ld.get("headline").asText());
        assertEquals("2026-11-20T07:30:00Z", ld.get("datePublished").asText());
        assertEquals("2026-11-22T16:05:00Z", ld.get("dateModified").asText());
        assertEquals("Amara Okafor", ld.get("author").get(0).get("name").asText());
        assertEquals("https://news.example.org/assets/2026/bridge.jpg", ld.get("image").get(0).asText());
        assertEquals("The Daily Example", ld.get("publisher").get("name").asText());
    }

    @Test
    void showsACorrectionAndGivesItToSearchEngines() throws Exception {
        Article full = SamplePages.full();
        Article corrected = full.withMetadata(full.metadata().withCorrections(List.of(
                new Correction("An earlier version gave the wrong opening date.", Optional.of(Instant.parse("2026-11-23T09:00:00Z"))))));
        Document doc = page(corrected, List.of());
        assertEquals("Correction 23 November 2026: An earlier version gave the wrong opening date.",
                doc.selectFirst("aside.corrections p").text());
        assertEquals("2026-11-23T09:00:00Z", doc.selectFirst("aside.corrections time").attr("datetime"));
        JsonNode ld = JSON.readTree(doc.selectFirst("script[type=application/ld+json]").data());
        assertEquals("CorrectionComment", ld.get("correction").get(0).get("@type").asText());
        assertEquals("An earlier version gave the wrong opening date.", ld.get("correction").get(0).get("text").asText());
        assertEquals("2026-11-23T09:00:00Z", ld.get("correction").get(0).get("datePublished").asText());
        assertEquals("2026-11-23T09:00:00Z", ld.get("dateModified").asText(), "the correction is the latest change");
    }

    @Test
    void encodesEveryFieldForItsContext_F2() throws Exception {
        Article article = SamplePages.hostile(HOSTILE);
        Document doc = page(article, List.of(new RelatedArticle("/articles/other", HOSTILE, Instant.parse("2026-01-01T00:00:00Z"),
                Optional.of(HOSTILE), Optional.of(new LeadImage("/assets/x.png", HOSTILE)))));
        assertOnlyOurScripts(doc);
        assertTrue(doc.select("[onerror], [onmouseover]").isEmpty());
        assertEquals(article.metadata().title(), doc.selectFirst("h1").wholeText());
        assertEquals(article.metadata().title() + " | The Daily Example", doc.title());
        assertEquals(HOSTILE, doc.selectFirst("meta[name=description]").attr("content"));
        assertEquals(HOSTILE, doc.selectFirst(".author p").wholeText());
        assertTrue(doc.selectFirst(".corrections p").wholeText().endsWith(": " + HOSTILE), "a correction's note is text, never markup");
        assertEquals(HOSTILE, doc.selectFirst(".more h3 a").wholeText());
        assertEquals(HOSTILE, doc.selectFirst(".more img").attr("alt"));
        String json = doc.selectFirst("script[type=application/ld+json]").data();
        assertFalse(json.contains("<") || json.contains(">") || json.contains("\u2028"), json);
        assertEquals(HOSTILE, JSON.readTree(json).get("description").asText());
    }

    /** The shell's menus, as the configuration in force gives them when the page is rendered: labelled landmarks, text escaped. */
    @Test
    void showsTheMenusInForceInEveryPagesHeaderAndFooter_F2() throws Exception {
        var menus = new java.util.concurrent.atomic.AtomicReference<>(new Menus(
                List.of(new Menus.Link("About", "/about"), new Menus.Link(HOSTILE, "/contact")),
                List.of(new Menus.Link("Privacy", "/privacy"), new Menus.Link("Mastodon", "https://mastodon.example/@daily"))));
        var withMenus = new PageRenderer(SamplePages.site(Map.of()), menus::get);
        Article article = SamplePages.full();
        var key = dev.newsroom.core.index.ListingKey.HOME;

        for (String html : List.of(withMenus.article(article, List.of(), List.of()), withMenus.page(article, List.of()),
                withMenus.listing(key, List.of(SamplePages.entry(article)), SamplePages.state(key, List.of(SamplePages.entry(article))),
                        Optional.empty()),
                withMenus.notFound(List.of()), withMenus.gone())) {
            Document doc = Jsoup.parse(html);
            var main = doc.selectFirst("header nav[aria-label=Site menu]");
            assertEquals(List.of("/about", "/contact"), main.select("a").eachAttr("href"));
            assertEquals(HOSTILE, main.select("a").get(1).text(), "a label is text, whatever it holds");
            assertEquals(List.of("/privacy", "https://mastodon.example/@daily"),
                    doc.selectFirst("footer nav[aria-label=Footer menu]").select("a").eachAttr("href"));
        }
        menus.set(Menus.NONE);
        Document without = Jsoup.parse(withMenus.article(article, List.of(), List.of()));
        assertTrue(without.select("nav[aria-label=Site menu], nav[aria-label=Footer menu]").isEmpty(),
                "a site without menus has no empty landmarks");
    }

    @Test
    void showsAnAffiliationBesideTheNameAndInTheStructuredDataInOneOrder() throws Exception {
        var article = SamplePages.parse("byline.md", SamplePages.markdown("author: '[Ana Ruiz](https://github.com/ana) (Grafana Labs)'"));
        Document doc = Jsoup.parse(new PageRenderer(SamplePages.site(Map.of())).article(article, List.of(), List.of()));
        assertEquals("By Ana Ruiz (Grafana Labs)", doc.selectFirst(".meta").text().replaceAll(" ·.*", "").strip());
        String json = doc.selectFirst("script[type=application/ld+json]").data();
        assertTrue(json.contains("\"affiliation\":{\"@type\":\"Organization\",\"name\":\"Grafana Labs\"}"),
                "the same bytes in every JVM: " + json);
    }

    @Test
    void showsAdvertisementSlotsOnlyWhereConfigured() throws Exception {
        var withAds = new PageRenderer(SamplePages.site(Map.of("AD_SLOTS", "top, bottom",
                "AD_SCRIPT_URL", "https://ads.example.net/tag.js")));
        Document doc = Jsoup.parse(withAds.article(SamplePages.full(), List.of(), List.of()));
        assertEquals(List.of("top", "bottom"), doc.select(".ad-slot").eachAttr("data-ad-slot"));
        assertEquals("Advertisement", doc.selectFirst(".ad").attr("aria-label"));
        assertEquals("https://ads.example.net/tag.js", doc.selectFirst("script[src]").attr("src"));
    }

    @Test
    void listsMoreArticlesFromTheRelatedList() throws Exception {
        Document doc = page(SamplePages.full(), SamplePages.related());
        Element more = doc.selectFirst(".more");
        assertEquals("More articles", more.selectFirst("h2").text());
        assertEquals(List.of("/articles/new-ferry-timetable", "/articles/tram-line-approved"), more.select("h3 a").eachAttr("href"));
        assertEquals("Ferries every ten minutes at peak.", more.select("li").get(0).select("p").get(1).text());
    }

    @Test
    void closedCommentsShowNoForm() throws Exception {
        Document doc = page(SamplePages.parse("closed.md", SamplePages.markdown("comments: closed")), List.of());
        assertNull(doc.selectFirst("#comments form"));
        assertEquals("Comments are closed on this article.", doc.selectFirst("#comments > p:not(.notice)").text());
    }

    @Test
    void sameDayUpdatesShowOnlyThePublishedDate() throws Exception {
        Document doc = page(SamplePages.parse("same-day.md", SamplePages.markdown("updated: 2026-11-20T18:00:00Z")), List.of());
        assertEquals(1, doc.select(".meta time").size());
    }

    @Test
    void goneTombstoneKeepsSearchEnginesAway() {
        Document doc = Jsoup.parse(renderer.gone());
        assertEquals("noindex", doc.selectFirst("meta[name=robots]").attr("content"));
        assertEquals("This article is no longer available", doc.selectFirst("h1").text());
    }

    /** The caption and credit under the lead image, as text, and in the structured data as an ImageObject's. */
    @Test
    void showsTheLeadImagesCaptionAndCreditAndPutsThemInTheStructuredData_F2() throws Exception {
        String hostile = "</figcaption><script>alert(1)</script>\"& <b>";
        var article = SamplePages.parse("captioned.md", SamplePages.markdown("image: {src: /assets/quay.jpg, alt: The quay, caption: '"
                + hostile + "', credit: 'Photo: Lena Berg'}"));
        Document doc = Jsoup.parse(renderer.article(article, List.of(), List.of()));

        Element caption = doc.selectFirst("figure.lead figcaption");
        assertEquals(hostile + " Photo: Lena Berg", caption.text());
        assertTrue(doc.select("figure.lead script").isEmpty());
        assertEquals("Photo: Lena Berg", caption.selectFirst(".credit").text());
        JsonNode image = JSON.readTree(doc.selectFirst("script[type=application/ld+json]").data()).get("image").get(0);
        assertEquals("ImageObject", image.get("@type").asText());
        assertEquals(hostile, image.get("caption").asText());
        assertEquals("Photo: Lena Berg", image.get("creditText").asText());
        assertTrue(image.get("url").asText().endsWith("/assets/quay.jpg"));
    }

    /** An image the site has: its size on every tag (nothing shifts), its variants offered, the lead fetched first, shares told its size. */
    @Test
    void givesKnownImagesTheirSizeAndVariantsAndPreloadsTheLead() throws Exception {
        var stored = new dev.newsroom.core.image.StoredImage(new dev.newsroom.core.image.ImageVariants.Size(1800, 1200), List.of(480, 960));
        Article article = SamplePages.parse("sized.md", SamplePages.markdown("image: {src: /assets/quay.jpg, alt: The quay}"));
        article = article.withImages(Map.of("/assets/quay.jpg", stored));
        Document doc = Jsoup.parse(renderer.article(article, List.of(), List.of()));

        Element lead = doc.selectFirst("figure.lead img");
        assertEquals(List.of("1800", "1200", "high"), List.of(lead.attr("width"), lead.attr("height"), lead.attr("fetchpriority")));
        assertEquals("/assets/quay-480w.jpg 480w, /assets/quay-960w.jpg 960w, /assets/quay.jpg 1800w", lead.attr("srcset"));
        assertFalse(lead.hasAttr("loading"), "the lead image is not lazy");
        Element preload = doc.selectFirst("head link[rel=preload][as=image]");
        assertEquals("/assets/quay.jpg", preload.attr("href"));
        assertEquals(lead.attr("srcset"), preload.attr("imagesrcset"));
        assertEquals(lead.attr("sizes"), preload.attr("imagesizes"));
        assertEquals("1800", doc.selectFirst("meta[property=og:image:width]").attr("content"));
        assertEquals("1200", doc.selectFirst("meta[property=og:image:height]").attr("content"));

        var key = dev.newsroom.core.index.ListingKey.HOME;
        var entries = List.of(SamplePages.entry(article), SamplePages.entry(article));
        Document listing = Jsoup.parse(renderer.listing(key, entries, SamplePages.state(key, entries), Optional.empty()));
        Element teaser = listing.select(".teasers li").get(1).selectFirst("img");
        assertEquals(List.of("1800", "1200", "8rem"), List.of(teaser.attr("width"), teaser.attr("height"), teaser.attr("sizes")));

        Document unknown = Jsoup.parse(renderer.article(SamplePages.parse("unsized.md", SamplePages.markdown("image: /assets/later.jpg")),
                List.of(), List.of()));
        Element later = unknown.selectFirst("figure.lead img");
        assertFalse(later.hasAttr("width") || later.hasAttr("srcset") || later.hasAttr("sizes"), "what is not known is left out: " + later);
        assertTrue(unknown.select("meta[property=og:image:width]").isEmpty());
    }

    @Test
    void servesScriptsWithoutIndentationOrWholeLineComments() {
        assertEquals("function a() {\nvar s = 'x // y';\nreturn s; // kept: code before it\n}\n",
                PageRenderer.Asset.compact("// why\nfunction a() {\n\n    // how\n    var s = 'x // y';\n    return s; // kept: code before it\n}\n"));
        assertFalse(PageRenderer.COMMENTS_SCRIPT.content().contains("\n  "), "served compact");
    }

    @Test
    void staysUnderThePageBudget() throws Exception {
        byte[] page = new PageRenderer(SamplePages.site(Map.of("AD_SLOTS", "top,in-article,bottom")))
                .article(SamplePages.eightHundredWords(), SamplePages.related(), List.of()).getBytes(StandardCharsets.UTF_8);
        int script = PageRenderer.COMMENTS_SCRIPT.content().getBytes(StandardCharsets.UTF_8).length;
        System.out.println("page weight: " + page.length + " bytes of HTML and CSS + " + script
                + " bytes of comments script, cached across articles (800-word article, every ad slot, two related items)");
        assertTrue(page.length + script < 30 * 1024, page.length + script + " bytes on a first visit");
    }

    /** The JSON-LD, the captcha provider's script and our comments script (an asset), and nothing else. */
    static void assertOnlyOurScripts(Document doc) {
        for (Element script : doc.select("script")) {
            if (script.attr("type").equals("application/ld+json")) {
                continue;
            }
            assertTrue(script.attr("src").startsWith("https://www.google.com/recaptcha/api.js")
                    || script.attr("src").equals(PageRenderer.COMMENTS_SCRIPT.path()), script::toString);
            assertTrue(script.data().isEmpty(), "nothing runs inline");
        }
        assertEquals(3, doc.select("script").size());
    }

    @Test
    void commentFormIsWiredForScriptAndForPlainPosts() throws Exception {
        Document doc = page(SamplePages.full(), List.of());
        Element section = doc.selectFirst("#comments");
        assertEquals("/api/articles/articles~harbour-bridge-reopens/comments", section.attr("data-api"));
        Element form = doc.selectFirst("#comment-form");
        assertEquals("post", form.attr("method"));
        assertEquals("recaptcha", form.attr("data-captcha"));
        for (String field : List.of("body", "name", "email", "website")) {
            Element input = form.selectFirst("#comment-" + field);
            assertEquals("comment-" + field + "-error", input.attr("aria-describedby"), "errors are tied to their fields");
            assertNotNull(doc.selectFirst("#comment-" + field + "-error"));
        }
        assertEquals("status", doc.selectFirst("#comment-notice").attr("role"));
    }

    private static String meta(Document doc, String property) {
        return doc.selectFirst("meta[property=" + property + "]").attr("content");
    }

    @Test
    void aTranslationSpeaksItsLanguageAndLinksEveryVersion() throws Exception {
        Article spanish = bilingual("articles/graduates.es.md", "---\ntitle: Graduado\ndate: 2026-05-21\n---\nCuerpo.\n");
        Document doc = Jsoup.parse(renderer.article(spanish, List.of(), List.of(
                new dev.newsroom.core.article.Translation(Optional.empty(), "/articles/graduates"),
                new dev.newsroom.core.article.Translation(Optional.of("es"), "/es/articles/graduates"))));

        assertEquals("es", doc.selectFirst("html").attr("lang"));
        assertEquals("21 de mayo de 2026", doc.selectFirst(".meta time").text(), "the date in Spanish");
        assertEquals("https://news.example.org/es/", doc.selectFirst(".site-name").attr("href"), "home is the language's");
        assertEquals(List.of("en https://news.example.org/articles/graduates", "es https://news.example.org/es/articles/graduates",
                        "x-default https://news.example.org/articles/graduates"),
                doc.select("link[rel=alternate][hreflang]").stream().map(l -> l.attr("hreflang") + " " + l.attr("href")).toList(),
                "every version, itself included, and the default language's as x-default");

        Document alone = Jsoup.parse(renderer.article(spanish, List.of(), List.of(
                new dev.newsroom.core.article.Translation(Optional.of("es"), "/es/articles/graduates"))));
        assertTrue(alone.select("link[hreflang]").isEmpty(), "an article with no other version has no alternates");
    }

    @Test
    void aTranslationsInterfaceSpeaksItsLanguage() throws Exception {
        Document doc = Jsoup.parse(renderer.article(bilingual("articles/graduates.es.md",
                "---\ntitle: Graduado\ndate: 2026-05-21\ncategory: Tecnología\n---\nCuerpo.\n"), List.of(), List.of()));
        assertEquals("Saltar al contenido", doc.selectFirst(".skip").text());
        assertEquals("Comentarios", doc.selectFirst("#comments-heading").text());
        assertEquals("Deja un comentario", doc.selectFirst("#comment-form-heading").text());
        assertEquals("Nombre", doc.selectFirst("label[for=comment-name]").text());
        assertEquals("Correo electrónico (opcional, nunca se publica)", doc.selectFirst("label[for=comment-email]").text());
        assertEquals("Publicar comentario", doc.selectFirst("#comment-form button[type=submit]").text());
        assertTrue(doc.selectFirst(".meta").text().startsWith("Por "), doc.selectFirst(".meta").text());
        JsonNode script = JSON.readTree(doc.selectFirst("#comments").attr("data-words"));
        assertEquals("¡Escribe tu comentario!", script.get("BODY_MISSING").asText(), "the script's words are the page's language's");

        Document english = page(SamplePages.full(), List.of());
        assertEquals("Comments", english.selectFirst("#comments-heading").text());
        assertEquals("Please enter your comment!", JSON.readTree(english.selectFirst("#comments").attr("data-words"))
                .get("BODY_MISSING").asText());
    }

    /** The home page leads with its newest story, its image loaded first; every teaser has its image and byline; the page describes itself. */
    @Test
    void listingsLookLikeANewsSite() throws Exception {
        var stored = dev.newsroom.core.article.StoredArticle.first(SamplePages.full(), dev.newsroom.core.article.ArticleStatus.PUBLISHED,
                "articles/a.md", "01", "hash", java.time.Instant.parse("2026-11-24T10:00:00Z"));
        var entry = dev.newsroom.core.index.Entry.of(stored).orElseThrow();
        var home = dev.newsroom.core.index.ListingKey.home(Optional.empty());
        Document page = Jsoup.parse(renderer.listing(home, List.of(entry, entry), SamplePages.state(home, List.of(entry)), Optional.empty()));
        var lead = page.selectFirst(".teasers li.lead");
        assertEquals("high", lead.selectFirst("img").attr("fetchpriority"), "the lead image is loaded first, not lazily");
        assertEquals("", lead.selectFirst("img").attr("loading"));
        assertEquals("lazy", page.select(".teasers li").get(1).selectFirst("img").attr("loading"));
        assertEquals("/author/amara-okafor", lead.selectFirst(".meta a").attr("href"), "the byline links the author's page");
        assertEquals("Latest articles: Harbour bridge reopens after two-year rebuild; Harbour bridge reopens after two-year rebuild",
                page.selectFirst("meta[name=description]").attr("content"));
        var city = dev.newsroom.core.index.ListingKey.category("city");
        Document category = Jsoup.parse(renderer.listing(city, List.of(entry), SamplePages.state(city, List.of(entry)), Optional.empty()));
        assertNull(category.selectFirst(".teasers li.lead"), "only the home pages lead with a story");
        assertFalse(category.selectFirst("meta[name=description]").attr("content").isEmpty());
    }

    /** A teaser gives the article's comment count, as its heading does, linking to them; none where there are none. */
    @Test
    void teasersSayHowManyCommentsTheirArticlesHave() throws Exception {
        var stored = dev.newsroom.core.article.StoredArticle.first(SamplePages.full(), dev.newsroom.core.article.ArticleStatus.PUBLISHED,
                "articles/a.md", "01", "hash", java.time.Instant.parse("2026-11-24T10:00:00Z"));
        var discussed = dev.newsroom.core.index.Entry.of(stored.withComments(3, java.time.Instant.parse("2026-11-24T11:00:00Z"))).orElseThrow();
        var quiet = dev.newsroom.core.index.Entry.of(stored).orElseThrow();
        var home = dev.newsroom.core.index.ListingKey.home(Optional.empty());
        Document withComments = Jsoup.parse(renderer.listing(home, List.of(discussed), SamplePages.state(home, List.of(discussed)), Optional.empty()));
        var count = withComments.selectFirst(".teasers li .meta a[href$=#comments]");
        assertEquals("Comments (3)", count.text());
        assertEquals(discussed.path() + "#comments", count.attr("href"));
        Document without = Jsoup.parse(renderer.listing(home, List.of(quiet), SamplePages.state(home, List.of(quiet)), Optional.empty()));
        assertNull(without.selectFirst(".teasers li .meta a[href$=#comments]"), "no count where there are no comments");
        assertFalse(discussed.sameListing(quiet), "a new count changes what the listing shows");
    }

    @Test
    void aListedArticleInAnotherLanguageThanThePageSaysWhich() throws Exception {
        var english = SamplePages.entry(bilingual("articles/tech/launch.md", "---\ntitle: Launch\ndate: 2026-05-20\ncategory: Tech\n---\nBody.\n"));
        var spanish = SamplePages.entry(bilingual("articles/tech/launch.es.md", "---\ntitle: Lanzamiento\ndate: 2026-05-21\ncategory: Tech\n---\nCuerpo.\n"));
        var category = dev.newsroom.core.index.ListingKey.category("tech");
        List<dev.newsroom.core.index.Entry> both = List.of(spanish, english);
        Document list = Jsoup.parse(renderer.listing(category, both, SamplePages.state(category, both), Optional.empty()));
        assertEquals(List.of("es", ""), list.select(".teasers li").stream().map(li -> li.attr("lang")).toList(),
                "only the Spanish teaser names its language");
        assertEquals("Category", list.selectFirst(".kicker").text());

        var home = dev.newsroom.core.index.ListingKey.home(Optional.of("es"));
        Document spanishHome = Jsoup.parse(renderer.listing(home, List.of(spanish), SamplePages.state(home, List.of(spanish)),
                Optional.empty()));
        assertEquals("Últimos artículos", spanishHome.selectFirst("h1").text());
        assertFalse(spanishHome.selectFirst(".teasers li").hasAttr("lang"), "a teaser in the page's own language needs no lang");
        assertEquals("Síguenos con un lector de feeds", spanishHome.selectFirst(".feed a").text());
    }

    private static Article bilingual(String key, String source) throws Exception {
        var rules = new dev.newsroom.core.article.SiteRules(dev.newsroom.core.site.Permalinks.STANDARD, Map.of(), Map.of(),
                List.of("en", "es"));
        return new dev.newsroom.core.article.ArticleParser(new dev.newsroom.core.article.MarkdownRenderer(), rules,
                "The Daily Example", java.time.ZoneOffset.UTC).parse(key, source.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void approvedCommentsAreInThePageForReadersWithoutScriptAndForSearchEngines() throws Exception {
        var first = new dev.newsroom.core.discussion.ShownComment("1795512000000-aa", HOSTILE, java.util.Optional.of("javascript:alert(1)"),
                "First line\n" + HOSTILE, java.util.Optional.empty(), java.time.Instant.parse("2026-11-24T09:20:00Z"), false, true);
        var reply = new dev.newsroom.core.discussion.ShownComment("1795512060000-bb", "Ben", java.util.Optional.of("https://ben.example/"),
                "A reply.", java.util.Optional.of("1795512000000-aa"), java.time.Instant.parse("2026-11-24T09:21:00Z"), true, false);
        Document doc = Jsoup.parse(renderer.article(SamplePages.full(), List.of(), List.of(),
                dev.newsroom.core.discussion.Discussion.of(List.of(first, reply))));
        assertEquals("(2)", doc.selectFirst("#comments-heading .comment-count").text());
        var thread = doc.selectFirst("#comment-list > li#c-1795512000000-aa");
        assertEquals(HOSTILE, thread.selectFirst(".comment-author").text(), "reader text is text");
        assertTrue(thread.select("script, img").isEmpty());
        assertEquals("span", thread.selectFirst(".comment-author").tagName(), "never a javascript: link");
        assertEquals("24 November 2026", thread.selectFirst("time").text());
        var answer = thread.selectFirst("ol.replies > li#c-1795512060000-bb");
        assertEquals("https://ben.example/", answer.selectFirst("a.comment-author").attr("href"));
        assertEquals("nofollow ugc noopener", answer.selectFirst("a.comment-author").attr("rel"));
        assertEquals("Staff", answer.selectFirst(".comment-meta .badge-staff").text(), "a staff member's reply says so");
        var ownMeta = thread.children().first();
        assertNull(ownMeta.selectFirst(".badge-staff"), "the reader's comment has no staff badge");
        assertEquals("Featured", ownMeta.selectFirst(".badge-featured").text());
        assertTrue(thread.hasClass("comment-featured"));
        assertNull(answer.selectFirst(".badge-featured"));
        assertFalse(doc.selectFirst("#comment-list").hasAttr("data-more"), "nothing left for the script to load");

        JsonNode data = JSON.readTree(doc.selectFirst("script[type=application/ld+json]").data());
        assertEquals(2, data.get("commentCount").asInt());
        assertEquals("Ben", data.get("comment").get(1).get("author").get("name").asText());
        assertEquals("2026-11-24T09:21:00Z", data.get("comment").get(1).get("dateCreated").asText());

        Document none = page(SamplePages.full(), List.of());
        assertTrue(none.select("#comment-list > li, .comment-count").isEmpty());
        assertFalse(JSON.readTree(none.selectFirst("script[type=application/ld+json]").data()).has("commentCount"));
    }
}
