package dev.newsroom.relate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.pages.ArticlePages;
import dev.newsroom.core.store.PageVersion;
import dev.newsroom.core.store.DiscussionStore;
import dev.newsroom.core.store.SiteBucket;
import dev.newsroom.core.render.PageRenderer;
import dev.newsroom.core.site.SiteConfig;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.config.Env;
import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The relate function on DynamoDB Local and S3Proxy, fed the articles table's real stream records. */
@ExtendWith(LocalServicesExtension.class)
class RelateOnLocalServicesIT {

    private final RelateWorld world;

    RelateOnLocalServicesIT(Provisioned local) {
        this.world = new RelateWorld(local);
    }

    /** The embedded metric format's line of each batch: its size, the pages it wrote, and how long its oldest record waited. */
    @Test
    void recordsEachBatchsSizePagesAndStreamLagAsMetrics() {
        world.publish("measured", 3, "city", "amara", "tram");
        world.publish("measured-too", 4, "city", "amara", "tram");

        var logged = dev.newsroom.testkit.LogCapture.of(() -> assertEquals(List.of(), world.relate()));

        var line = logged.lines().stream().filter(l -> l.has("_aws")).findFirst().orElseThrow(() -> new AssertionError(logged.text()));
        var batch = logged.lines().stream().filter(l -> l.path("message").asText().startsWith("batch of")).findFirst().orElseThrow();
        assertEquals(2, line.get(RelateHandler.RECORDS).asInt());
        assertEquals(batch.get("pages").asInt(), line.get(RelateHandler.PAGES).asInt());
        assertTrue(line.get(RelateHandler.PAGES).asInt() > 0);
        assertTrue(line.get(RelateHandler.LAG).asDouble() >= 0 && line.get(RelateHandler.LAG).asDouble() < 600, line::toString);
    }

    @Test
    void aNewArticleEntersTheListsOfOlderOnesAndTheirPagesShowIt() {
        world.publish("old", 30, "city", "amara", "tram", "bridge");
        world.publish("older", 40, "city", "jonas", "tram");
        assertEquals(List.of(), world.relate());
        assertEquals(List.of("older"), world.related("old"));

        world.publish("new", 1, "city", "amara", "tram", "bridge");
        assertEquals(List.of(), world.relate());
        assertEquals(List.of("old", "older"), world.related("new"));
        assertEquals(List.of("new", "older"), world.related("old"), "the newer article now leads the older one's list");
        Document page = Jsoup.parse(world.articlePage("old").orElseThrow());
        assertEquals(List.of("new story", "older story"), page.select(".more h3 a").eachText());
        assertEquals(SiteLayout.articlePath(world.slug("new")), page.selectFirst(".more h3 a").attr("href"));
    }

    @Test
    void listingPagesFeedsAndSitemapsFollowTheArticles() throws Exception {
        world.publish("first", 3, "city", "amara", "tram");
        world.publish("second", 0, "city", "amara", "tram");
        world.relate();
        String category = world.page(ListingKey.category(world.slug("city")).path()).orElseThrow();
        assertEquals(List.of("second story", "first story"), Jsoup.parse(category).select(".teasers h2 a").eachText());
        Document author = Jsoup.parse(world.page(ListingKey.author(world.slug("amara")).path()).orElseThrow());
        assertEquals(world.id + " amara", author.selectFirst("h1").text());
        assertTrue(world.page(ListingKey.tag(world.slug("tram")).path()).orElseThrow().contains("first story"));
        assertTrue(Jsoup.parse(world.page("/").orElseThrow()).select(".teasers h2 a").eachText().contains("second story"));

        var xml = DocumentBuilderFactory.newInstance();
        xml.setNamespaceAware(true);
        String feed = world.page(ListingKey.category(world.slug("city")).feedPath()).orElseThrow();
        var atom = xml.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(feed.getBytes()));
        assertEquals(2, atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength());
        String rss = world.page(ListingKey.category(world.slug("city")).rssPath()).orElseThrow();
        assertEquals(2, xml.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(rss.getBytes())).getElementsByTagName("item").getLength(),
                "the same as RSS 2.0");
        assertTrue(world.page(ListingKey.tag(world.slug("tram")).feedPath()).orElseThrow().contains("first story"), "a tag has its feed");
        String news = world.page(SiteLayout.NEWS_SITEMAP).orElseThrow();
        xml.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(news.getBytes()));
        assertTrue(news.contains(world.slug("second")), "published today");
        assertFalse(news.contains(world.slug("first")), "three days old: Google News takes two");
        String sitemap = world.page(SiteLayout.SITEMAP).orElseThrow();
        assertTrue(sitemap.contains("/sitemaps/2026-11-24.xml"));
        assertTrue(world.page("/sitemaps/2026-11-21.xml").orElseThrow().contains(world.slug("first")));
    }

    @Test
    void languageVersionsLinkEachOtherBothWaysAndLetGoWhenOneIsWithdrawn() {
        world.inLanguages("en", "es");
        String key = "translationKey: " + world.slug("graduation");
        world.save("english", 2, "city", "amara", key, ArticleStatus.PUBLISHED, "tram");
        world.save("spanish", 1, "city", "amara", key + "\nlang: es\nurl: " + world.path("spanish"), ArticleStatus.PUBLISHED, "tram");
        world.save("other", 3, "city", "amara", "", ArticleStatus.PUBLISHED, "tram");
        assertEquals(List.of(), world.relate());

        Document english = Jsoup.parse(world.articlePage("english").orElseThrow());
        Document spanish = Jsoup.parse(world.articlePage("spanish").orElseThrow());
        assertEquals(world.path("spanish"), java.net.URI.create(english.selectFirst("link[hreflang=es]").attr("href")).getPath());
        assertEquals(world.path("english"), java.net.URI.create(spanish.selectFirst("link[hreflang=en]").attr("href")).getPath());
        assertEquals("es", spanish.selectFirst("html").attr("lang"));
        assertEquals(List.of("other"), world.related("english"), "English relates to English only");
        assertEquals(List.of(), world.related("spanish"), "and Spanish to Spanish only");
        assertTrue(world.page("/es/").orElseThrow().contains("spanish story"), "Spanish has a home of its own");
        assertFalse(world.page("/").orElseThrow().contains("spanish story"), "which the site's home does not mix in");
        assertTrue(world.page("/es/feed.xml").orElseThrow().contains("spanish story"));

        world.unpublish("spanish");
        assertEquals(List.of(), world.relate());
        assertTrue(Jsoup.parse(world.articlePage("english").orElseThrow()).select("link[hreflang]").isEmpty(),
                "the English page no longer links a version that is gone");
    }

    @Test
    void unpublishingRemovesTheArticleFromEveryListAndListing() {
        world.publish("stays", 5, "city", "amara", "tram");
        world.publish("goes", 4, "city", "amara", "tram");
        world.publish("third", 3, "city", "amara", "tram");
        world.relate();
        assertTrue(world.related("stays").contains("goes"));
        world.unpublish("goes");
        assertEquals(List.of(), world.relate());
        assertEquals(List.of("third"), world.related("stays"));
        assertEquals(List.of("stays"), world.related("third"));
        assertEquals(List.of(), world.related("goes"));
        assertFalse(world.articlePage("stays").orElseThrow().contains("goes story"));
        assertFalse(world.page(ListingKey.category(world.slug("city")).path()).orElseThrow().contains("goes story"));
        assertEquals(2, world.listingStore.state(ListingKey.category(world.slug("city"))).count());
    }

    @Test
    void aBodyEditOrADraftRendersNothing() {
        world.publish("story", 2, "city", "amara", "tram");
        world.publish("other", 2, "city", "amara", "tram");
        world.relate();
        var before = world.listingStore.state(ListingKey.category(world.slug("city")));
        world.save("story", 2, "city", "amara", "", ArticleStatus.PUBLISHED, "tram");
        world.save("draft", 1, "city", "amara", "", ArticleStatus.DRAFT, "tram");
        world.relate();
        assertEquals(before, world.listingStore.state(ListingKey.category(world.slug("city"))), "no listing changed");
    }

    @Test
    void replayingABatchChangesNothing_A8() {
        world.publish("a", 2, "city", "amara", "tram");
        world.publish("b", 1, "city", "amara", "tram");
        world.relate();
        var state = world.listingStore.state(ListingKey.tag(world.slug("tram")));
        var list = world.listStore.related(world.path("a")).orElseThrow();
        assertEquals(List.of(), world.relate(world.handler(), world.lastBatch()));
        assertEquals(state, world.listingStore.state(ListingKey.tag(world.slug("tram"))), "counts and revisions as they were");
        assertEquals(list, world.listStore.related(world.path("a")).orElseThrow());
    }

    @Test
    void neverFeedsItself_H2() {
        world.publish("loop", 1, "city", "amara", "tram");
        world.publish("loop-two", 1, "city", "amara", "tram");
        world.relate();
        assertTrue(world.changes().isEmpty(), "the function wrote nothing to the table whose stream it reads");
    }

    @Test
    void anOlderRenderNeverReplacesThePageWithTheNewerList_B2() {
        world.publish("p", 2, "city", "amara", "tram");
        world.publish("q", 1, "city", "amara", "tram");
        world.relate();
        var stored = world.articles.find(world.path("p")).orElseThrow();
        var site = new SiteBucket(world.local.services().s3(), world.local.name("SiteBucket"));
        var pages = new ArticlePages(new PageRenderer(SiteConfig.from(new Env(RelateWorld.environment(world.local.names())))), site,
                world.articles, new DiscussionStore(world.local.services().dynamoDb(), world.local.name("CommentsTable")), Parallel.IN_PLACE);
        assertEquals(SiteBucket.Outcome.KEPT_NEWER, pages.write(stored, Optional.empty()),
                "the publish function's render, without the list, is older than the relate function's");
        long list = world.listStore.related(world.path("p")).orElseThrow().revision();
        assertEquals(Optional.of(new PageVersion(stored.version(), list)),
                site.page(SiteLayout.articleKey(world.path("p"))).map(SiteBucket.Page::version));
        assertTrue(world.articlePage("p").orElseThrow().contains("q story"));
    }

    @Test
    void editorsPinsComeFirstAndExclusionsNeverAppear() {
        world.publish("unrelated", 9, "sport", "jonas", "golf");
        world.publish("close", 2, "city", "amara", "tram");
        world.publish("banned", 2, "city", "amara", "tram");
        world.save("main", 1, "city", "amara", "related: {pin: [" + world.slug("unrelated") + "], exclude: [" + world.slug("banned") + "]}",
                ArticleStatus.PUBLISHED, "tram");
        world.relate();
        assertEquals(List.of("unrelated", "close"), world.related("main"));
    }

    @Test
    void aDeletedItemLeavesEveryListAndListingLikeAWithdrawal_A11() {
        world.publish("keeps", 3, "city", "amara", "tram");
        world.publish("deleted", 2, "city", "amara", "tram");
        world.relate();
        assertEquals(List.of("deleted"), world.related("keeps"));
        world.delete("deleted");
        List<String> failed = world.relate();
        assertEquals("REMOVE", world.lastBatch().get(0).eventNameAsString());
        assertEquals(List.of(), failed);
        assertEquals(List.of(), world.related("keeps"));
        assertEquals(1, world.listingStore.state(ListingKey.category(world.slug("city"))).count());
        assertFalse(world.page(ListingKey.tag(world.slug("tram")).path()).orElseThrow().contains("deleted story"));
    }

    @Test
    void aNewArchivePageIsLinkedFromItsNeighbours() {
        world.publish("earlier", 5, "city", "amara", "tram");
        world.relate();
        var tag = ListingKey.tag(world.slug("tram"));
        world.publish("later", 1, "city", "amara", "tram");
        world.relate();
        Document november = Jsoup.parse(world.page(tag.path() + "/2026/11").orElseThrow());
        assertEquals(List.of("later story", "earlier story"), november.select(".teasers h2 a").eachText());
        world.publish("december", -10, "city", "amara", "tram");
        world.relate();
        november = Jsoup.parse(world.page(tag.path() + "/2026/11").orElseThrow());
        assertEquals(tag.path() + "/2026/12", november.selectFirst("a[rel=next]").attr("href"),
                "the month before links on to the month that just opened");
        assertTrue(Jsoup.parse(world.page(tag.path()).orElseThrow()).select(".archive a").eachText()
                .containsAll(List.of("December 2026", "November 2026")));
    }

    @Test
    void aListingWhoseLastArticleLeavesGoesAwayWithItsArchive() {
        world.publish("moves", 3, "lonely desk", "amara", "lonely");
        world.publish("stays", 3, "city", "jonas", "tram");
        world.relate();
        var category = ListingKey.category(world.slug("lonely-desk"));
        var tag = ListingKey.tag(world.slug("lonely"));
        List<String> gone = List.of(category.path(), category.feedPath(), category.rssPath(), category.path() + "/2026/11",
                tag.path(), tag.path() + "/2026/11");
        gone.forEach(path -> assertTrue(world.page(path).isPresent(), path));

        world.publish("moves", 3, "city", "amara", "tram");
        assertEquals(List.of(), world.relate());
        gone.forEach(path -> assertTrue(world.page(path).isEmpty(), path + " is removed: readers get the 404 page"));
        assertEquals(0, world.listingStore.state(tag).count());
        assertTrue(world.page(ListingKey.tag(world.slug("tram")).path()).orElseThrow().contains("moves story"));
        assertTrue(world.page(ListingKey.author(world.slug("amara")).path()).isPresent(), "the author still has an article");
        assertTrue(world.page("/").isPresent(), "the home page never goes");

        assertEquals(List.of(), world.relate(world.handler(), world.lastBatch()), "a replayed removal is no error");
        gone.forEach(path -> assertTrue(world.page(path).isEmpty(), path));

        world.publish("moves", 3, "lonely desk", "amara", "lonely");
        world.relate();
        gone.forEach(path -> assertTrue(world.page(path).isPresent(), path + " comes back with an article"));
    }

    @Test
    void aDayWhoseOnlyArticleIsDeletedGoesAwayAndItsNeighboursLinkPastIt_A11() {
        // The site's days are shared by every world: far back, at a day of this world's own.
        int newer = 3000 + new java.util.Random().nextInt(3_000) * 3;
        world.publish("newer", newer, "city", "amara", "tram");
        world.publish("lone", newer + 1, "city", "amara", "tram");
        world.publish("older", newer + 2, "city", "amara", "tram");
        world.relate();
        String newerDay = day(newer);
        String loneDay = day(newer + 1);
        String olderDay = day(newer + 2);
        String loneSitemap = "/sitemaps/" + loneDay + ".xml";
        assertTrue(world.page(archive(loneDay)).orElseThrow().contains("lone story"));
        assertTrue(world.page(loneSitemap).isPresent());
        assertEquals(archive(loneDay), Jsoup.parse(world.page(archive(olderDay)).orElseThrow()).selectFirst("a[rel=next]").attr("href"));
        assertTrue(world.page(SiteLayout.SITEMAP).orElseThrow().contains(loneSitemap));

        world.delete("lone");
        assertEquals(List.of(), world.relate());
        assertEquals("REMOVE", world.lastBatch().get(0).eventNameAsString());
        assertTrue(world.page(archive(loneDay)).isEmpty(), "the emptied day answers 404");
        assertTrue(world.page(loneSitemap).isEmpty(), "and so does its sitemap");
        assertEquals(archive(newerDay), Jsoup.parse(world.page(archive(olderDay)).orElseThrow()).selectFirst("a[rel=next]").attr("href"),
                "the day before links past it");
        assertEquals(archive(olderDay), Jsoup.parse(world.page(archive(newerDay)).orElseThrow()).selectFirst("a[rel=prev]").attr("href"),
                "and so does the day after");
        assertFalse(world.page(SiteLayout.SITEMAP).orElseThrow().contains(loneSitemap), "the sitemap index no longer lists it");
        assertTrue(world.page("/").isPresent(), "the home page never goes");

        assertEquals(List.of(), world.relate(world.handler(), world.lastBatch()), "a replayed removal is no error");
        assertTrue(world.page(archive(loneDay)).isEmpty());
    }

    private static String day(int daysBack) {
        return RelateWorld.NOW.minusSeconds(86_400L * daysBack).atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
    }

    private static String archive(String day) {
        return ListingKey.HOME.archivePath(dev.newsroom.core.index.Archive.parse(day));
    }
}
