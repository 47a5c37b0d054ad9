package dev.newsroom.publish;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.settings.SiteSettings;
import dev.newsroom.core.store.ShellMarker;
import dev.newsroom.testkit.LambdaContext;
import dev.newsroom.testkit.LocalJson;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.store.SiteBucket;
import dev.newsroom.testkit.AwsBackend;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The publish function end to end: real-shaped S3 events through the real handler, against real
 * S3 and DynamoDB. One set of assertions; each subclass supplies a backend.
 */
abstract class PublishContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    PublishWorld world;

    abstract AwsBackend backend();

    abstract Map<String, String> names();

    @BeforeEach
    void newWorld() {
        world = new PublishWorld(backend(), names());
    }

    private String key(String name) {
        return "articles/" + world.id + "-" + name + ".md";
    }

    private String slug(String name) {
        return world.id + "-" + name;
    }

    @Test
    void publishesAnUploadedArticleAsACompletePage() throws Exception {
        String source = PublishWorld.article("Harbour bridge reopens", "summary: Traffic flows again.");
        world.handle(world.upload(key("bridge"), source));

        var object = world.siteObject(PublishWorld.pageKey(slug("bridge"))).orElseThrow();
        assertEquals("text/html;charset=utf-8", object.response().contentType().replace(" ", "").toLowerCase());
        assertEquals(SiteBucket.HTML_CACHE, object.response().cacheControl());
        Document page = Jsoup.parse(object.asUtf8String());
        assertEquals("Harbour bridge reopens", page.selectFirst("h1").text());
        String canonical = PublishWorld.SITE_URL + "/articles/" + slug("bridge");
        assertEquals(canonical, page.selectFirst("link[rel=canonical]").attr("href"));
        JsonNode ld = JSON.readTree(page.selectFirst("script[type=application/ld+json]").data());
        assertEquals("Harbour bridge reopens", ld.get("headline").asText());
        assertEquals("Amara Okafor", page.selectFirst(".author h2").text());

        StoredArticle stored = world.article(slug("bridge")).orElseThrow();
        assertEquals(ArticleStatus.PUBLISHED, stored.status());
        assertEquals(1, stored.version());
        assertEquals(key("bridge"), stored.sourceKey());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(source.getBytes(StandardCharsets.UTF_8))), stored.contentHash());
        assertTrue(stored.article().bodyHtml().contains("<h2>Details</h2>"));
        assertEquals("all", world.item(slug("bridge")).get("feedKey").s(), "listed in the index a full rebuild walks");
        assertEquals("published", world.upload(key("bridge")).get("outcome").s());
    }

    @Test
    void anArticleChangedAfterItWentLiveIsUpdatedThenAndItsPageSaysSo() throws Exception {
        world.handle(world.upload(key("revised"), PublishWorld.article("Ferry fares", "")));
        assertEquals(java.util.Optional.empty(), world.article(slug("revised")).orElseThrow().article().metadata().updated());

        java.time.Instant before = java.time.Instant.now();
        world.handle(world.upload(key("revised"), PublishWorld.article("Ferry fares", "summary: \"Corrected, fares rise in March.\"")));
        java.time.Instant updated = world.article(slug("revised")).orElseThrow().article().metadata().updated().orElseThrow();
        assertFalse(updated.isBefore(before), "updated when the changed file was published");
        JsonNode ld = JSON.readTree(Jsoup.parse(world.page(slug("revised")).orElseThrow()).selectFirst("script[type=application/ld+json]").data());
        assertEquals(updated.toString(), ld.get("dateModified").asText(), "its structured data says when");

        world.handle(world.upload(key("revised"), PublishWorld.article("Ferry fares", "summary: \"Corrected, fares rise in March.\"\nupdated: 2026-11-21")));
        assertEquals(java.time.Instant.parse("2026-11-21T00:00:00Z"), world.article(slug("revised")).orElseThrow().article().metadata().updated()
                .orElseThrow(), "a date the front matter gives wins");
    }

    @Test
    void aCorrectionWithoutADateIsDatedWhenItAppearsAndKeepsThatDate() throws Exception {
        world.handle(world.upload(key("corrected"), PublishWorld.article("Ferry fares rise", "")));
        java.time.Instant before = java.time.Instant.now();
        world.handle(world.upload(key("corrected"), PublishWorld.article("Ferry fares rise", "correction: The rise is 5%, not 50%.")));
        var first = world.article(slug("corrected")).orElseThrow().article().metadata().corrections();
        assertEquals("The rise is 5%, not 50%.", first.get(0).text());
        assertFalse(first.get(0).at().orElseThrow().isBefore(before), "dated when it appeared");

        world.handle(world.upload(key("corrected"), PublishWorld.article("Ferry fares rise",
                "correction: [\"The rise is 5%, not 50%.\", \"The new fares start in March.\"]")));
        var both = world.article(slug("corrected")).orElseThrow().article().metadata().corrections();
        assertEquals(first.get(0), both.get(0), "the first keeps its date");
        assertFalse(both.get(1).at().orElseThrow().isBefore(first.get(0).at().orElseThrow()), "the second is dated when it appeared, after");
        assertEquals(2, Jsoup.parse(world.page(slug("corrected")).orElseThrow()).select("aside.corrections p").size());
    }

    @Test
    void keepsTheSitesOwnFilesAsTheConfigurationSays() throws Exception {
        world.handle(world.upload(key("site-files"), PublishWorld.article("Site files", "")));
        String robots = world.siteObject("robots.txt").orElseThrow().asUtf8String();
        assertTrue(robots.contains("Sitemap: " + PublishWorld.SITE_URL + "/sitemap.xml\n")
                && robots.contains("Sitemap: " + PublishWorld.SITE_URL + "/news-sitemap.xml\n"), robots);
        assertEquals("image/x-icon", world.siteObject("favicon.ico").orElseThrow().response().contentType());
        assertEquals("/", JSON.readTree(world.siteObject("site.webmanifest").orElseThrow().asUtf8String()).get("start_url").asText());
        assertTrue(world.siteObject("ads.txt").isEmpty(), "no ads.txt unless site.yaml gives one");

        world.handle(world.upload(SiteSettings.KEY, "adsTxt: |\n  example.com, pub-1, DIRECT, f08c47fec0942fa0\n"));
        assertEquals("example.com, pub-1, DIRECT, f08c47fec0942fa0\n", world.siteObject("ads.txt").orElseThrow().asUtf8String());
        world.handle(world.delete(SiteSettings.KEY));
        assertTrue(world.siteObject("ads.txt").isEmpty(), "taken out with the configuration");
    }

    @Test
    void encodesHostileFrontMatterInThePublishedPage_F2() throws Exception {
        String hostile = "</title><script>alert(1)</script>\\u0022 onmouseover=\\u0022alert(2)";
        world.handle(world.upload(key("hostile"), PublishWorld.article(hostile, "summary: \"" + hostile + "\"")));

        Document page = Jsoup.parse(world.page(slug("hostile")).orElseThrow());
        String title = "</title><script>alert(1)</script>\" onmouseover=\"alert(2)";
        assertEquals(title, page.selectFirst("h1").text());
        assertEquals(title, page.selectFirst("meta[name=description]").attr("content"));
        page.select("script:not([type=application/ld+json])").forEach(script ->
                assertFalse(script.data().contains("alert("), "no injected script: " + script));
        assertTrue(page.select("[onmouseover]").isEmpty());
        assertEquals(title, JSON.readTree(page.selectFirst("script[type=application/ld+json]").data())
                .get("headline").asText());
    }

    @Test
    void decodesUrlEncodedKeys() {
        String key = "articles/" + world.id + " Café owners win appeal & reopen.md";
        ObjectNode event = world.upload(key, PublishWorld.article("Café owners win", ""));
        assertTrue(event.get("Records").get(0).get("s3").get("object").get("key").asText().contains("Caf%C3%A9+owners"));
        world.handle(event);
        assertTrue(world.page(world.id + "-cafe-owners-win-appeal-reopen").isPresent());
    }

    @Test
    void sameEventTwiceChangesNothing_A1() {
        ObjectNode event = world.upload(key("twice"), PublishWorld.article("Twice", ""));
        world.handle(event);
        var firstPage = world.siteObject(PublishWorld.pageKey(slug("twice"))).orElseThrow();
        StoredArticle first = world.article(slug("twice")).orElseThrow();

        world.handle(event);

        var secondPage = world.siteObject(PublishWorld.pageKey(slug("twice"))).orElseThrow();
        StoredArticle second = world.article(slug("twice")).orElseThrow();
        assertEquals(first, second, "no second metadata write");
        assertEquals(firstPage.response().eTag(), secondPage.response().eTag(), "no second page write");
        assertEquals(firstPage.asUtf8String(), secondPage.asUtf8String());
    }

    @Test
    void olderEventArrivingLateIsIgnored_A2() {
        ObjectNode older = world.upload(key("order"), PublishWorld.article("First version", ""));
        ObjectNode newer = world.upload(key("order"), PublishWorld.article("Second version", ""));

        world.handle(newer);
        world.handle(older);

        assertEquals("Second version", Jsoup.parse(world.page(slug("order")).orElseThrow()).selectFirst("h1").text());
        assertEquals("Second version", world.article(slug("order")).orElseThrow().article().metadata().title());
        assertEquals(1, world.article(slug("order")).orElseThrow().version());
    }

    @Test
    void eventForAReplacedObjectPublishesNothing_A2() {
        ObjectNode older = world.upload(key("replaced"), PublishWorld.article("Replaced version", ""));
        ObjectNode newer = world.upload(key("replaced"), PublishWorld.article("Current version", ""));

        world.handle(older);
        assertTrue(world.page(slug("replaced")).isEmpty(), "the older event must not publish what it no longer describes");

        world.handle(newer);
        assertEquals("Current version", Jsoup.parse(world.page(slug("replaced")).orElseThrow()).selectFirst("h1").text());
    }

    @Test
    void olderEventForIdenticalBytesIsIgnored_A2() {
        String same = PublishWorld.article("Same bytes", "");
        ObjectNode older = world.upload(key("same"), same);
        ObjectNode newer = world.upload(key("same"), same);
        world.handle(newer);
        world.handle(older);
        assertEquals(sequencerOf(newer), world.upload(key("same")).get("sequencer").s().substring(0, 18));
        assertEquals(1, world.article(slug("same")).orElseThrow().version());
    }

    @Test
    void crashBetweenItemAndPageConvergesOnRetry_A3() {
        ObjectNode event = world.upload(key("crash"), PublishWorld.article("Crash", ""));
        assertThrows(RuntimeException.class, () -> world.handle(world.handlerThatCannotWritePages(), event));
        assertEquals(1, world.article(slug("crash")).orElseThrow().version(), "the item was written");
        assertTrue(world.page(slug("crash")).isEmpty(), "the page was not");
        assertNull(world.upload(key("crash")), "so the upload is not marked done");

        world.handle(event);

        assertEquals(1, world.article(slug("crash")).orElseThrow().version(), "the retry does not write the item again");
        assertEquals("Crash", Jsoup.parse(world.page(slug("crash")).orElseThrow()).selectFirst("h1").text());
        assertEquals("published", world.upload(key("crash")).get("outcome").s());
    }

    /** An article commented on before counts were kept: its upload counts its approved comments, for its teasers. */
    @Test
    void anUploadCountsTheArticlesApprovedComments() {
        String path = "/articles/" + slug("discussed");
        for (String[] comment : new String[][] {{"01", "approved"}, {"02", "approved"}, {"03", "pending"}}) {
            world.dynamo.putItem(r -> r.tableName(names().get("CommentsTable")).item(Map.of(
                    "slug", AttributeValue.fromS(path), "commentId", AttributeValue.fromS("1795512000000-" + comment[0]),
                    "status", AttributeValue.fromS(comment[1]), "queue", AttributeValue.fromS(comment[1]), "name", AttributeValue.fromS("Ada"),
                    "body", AttributeValue.fromS("Words " + comment[0]), "createdAt", AttributeValue.fromS("2026-11-24T09:20:00Z"))));
        }
        world.handle(world.upload(key("discussed"), PublishWorld.article("Discussed", "")));

        assertEquals(2, world.articleAt(path).orElseThrow().comments(), "the approved ones");
        assertEquals("(2)", Jsoup.parse(world.page(slug("discussed")).orElseThrow()).selectFirst(".comment-count").text());
    }

    @Test
    void crashWhileUnpublishingConvergesOnRetry_A3() {
        world.handle(world.upload(key("withdraw"), PublishWorld.article("Withdrawn", "")));
        ObjectNode delete = world.delete(key("withdraw"));
        assertThrows(RuntimeException.class, () -> world.handle(world.handlerThatCannotWritePages(), delete));
        assertEquals(ArticleStatus.UNPUBLISHED, world.article(slug("withdraw")).orElseThrow().status());
        assertEquals("Withdrawn", Jsoup.parse(world.page(slug("withdraw")).orElseThrow()).selectFirst("h1").text(),
                "the page write failed");

        world.handle(delete);

        assertEquals(2, world.article(slug("withdraw")).orElseThrow().version());
        assertNotNull(Jsoup.parse(world.page(slug("withdraw")).orElseThrow()).selectFirst("meta[name=robots]"));
        assertEquals("removed", world.upload(key("withdraw")).get("outcome").s());
    }

    @Test
    void newestUploadWinsWhenEventsRace_B1() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String name = "race" + round;
                ObjectNode older = world.upload(key(name), PublishWorld.article("Older " + round, ""));
                ObjectNode newer = world.upload(key(name), PublishWorld.article("Newer " + round, ""));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> runs = List.of(
                        pool.submit(() -> { await(start); world.handle(older); }),
                        pool.submit(() -> { await(start); world.handle(newer); }));
                start.countDown();
                for (Future<?> run : runs) {
                    run.get();
                }
                assertEquals("Newer " + round, world.article(slug(name)).orElseThrow().article().metadata().title());
                assertEquals("Newer " + round, Jsoup.parse(world.page(slug(name)).orElseThrow()).selectFirst("h1").text());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectedUploadLeavesThePublishedPageAndSaysWhy_C5() throws Exception {
        world.handle(world.upload(key("reject"), PublishWorld.article("Good version", "")));
        String goodPage = world.page(slug("reject")).orElseThrow();
        StoredArticle good = world.article(slug("reject")).orElseThrow();

        world.handle(world.upload(key("reject"), "---\ndate: last tuesday\n---\nOops"));

        assertEquals(goodPage, world.page(slug("reject")).orElseThrow());
        assertEquals(good, world.article(slug("reject")).orElseThrow());
        var status = world.upload(key("reject"));
        assertEquals("rejected", status.get("outcome").s());
        assertEquals(List.of("title: is required",
                        "date: 'last tuesday' is not an ISO-8601 date such as 2024-05-01 or 2024-05-01T09:30:00Z"),
                status.get("problems").l().stream().map(v -> v.s()).toList());
        assertEquals(SiteLayout.articlePath(slug("reject")), status.get("path").s(), "the file still owns its article");
        String reportKey = "publish-reports/" + key("reject") + ".json";
        JsonNode report = JSON.readTree(world.sourceObject(reportKey).orElseThrow().asUtf8String());
        assertEquals("title", report.get("problems").get(0).get("field").asText());

        world.handle(world.upload(key("reject"), PublishWorld.article("Fixed version", "")));

        assertTrue(world.sourceObject(reportKey).isEmpty(), "the report goes once the file publishes");
        assertEquals("Fixed version", Jsoup.parse(world.page(slug("reject")).orElseThrow()).selectFirst("h1").text());
    }

    @Test
    void publishesAHugoPostWithItsShortcodesAndReportsWhatItLeftOut() throws Exception {
        String hugo = "---\ntitle: \"From Hugo\"\ndate: 2026-11-20\nauthor: Sam\n---\n{{< blog/integration-badge >}}\n\n"
                + "Intro.\n\n{{< figure src=\"/assets/chart.png\" caption=\"The chart\" >}}\n\n{{<youtube eZ3OrhxUAmU>}}\n";
        world.handle(world.upload(key("hugo"), hugo));

        var page = Jsoup.parse(world.page(slug("hugo")).orElseThrow());
        assertFalse(page.html().contains("{{"), "readers never see a shortcode's delimiters");
        assertEquals("The chart", page.selectFirst("article figure img[src=/assets/chart.png]").attr("alt"));
        assertEquals("https://www.youtube-nocookie.com/embed/eZ3OrhxUAmU", page.selectFirst("article iframe").attr("src"));
        var status = world.upload(key("hugo"));
        assertEquals("published", status.get("outcome").s());
        String warning = "body: line 6: the shortcode {{< blog/integration-badge >}} is not a shortcode this site defines:"
                + " it was left out";
        assertEquals(List.of(warning), status.get("problems").l().stream().map(v -> v.s()).toList());
        String reportKey = "publish-reports/" + key("hugo") + ".json";
        JsonNode report = JSON.readTree(world.sourceObject(reportKey).orElseThrow().asUtf8String());
        assertEquals("published with warnings", report.get("outcome").asText());
        assertEquals("body", report.get("warnings").get(0).get("field").asText());

        world.handle(world.upload(key("hugo"), hugo.replace("{{< blog/integration-badge >}}", "")));

        assertTrue(world.sourceObject(reportKey).isEmpty(), "the report goes once there is nothing to report");
    }

    @Test
    void deletingTheUploadUnpublishes() {
        world.handle(world.upload(key("gone"), PublishWorld.article("Soon gone", "")));
        world.handle(world.delete(key("gone")));

        StoredArticle stored = world.article(slug("gone")).orElseThrow();
        assertEquals(ArticleStatus.UNPUBLISHED, stored.status());
        assertEquals(2, stored.version());
        assertFalse(world.item(slug("gone")).containsKey("categoryKey"), "out of every listing index");
        Document page = Jsoup.parse(world.page(slug("gone")).orElseThrow());
        assertEquals("noindex", page.selectFirst("meta[name=robots]").attr("content"));
        assertEquals("removed", world.upload(key("gone")).get("outcome").s());
    }

    @Test
    void draftsGetNoPageAndWithdrawAPublishedOne() {
        world.handle(world.upload(key("draft"), PublishWorld.article("Draft", "draft: true")));
        assertEquals(ArticleStatus.DRAFT, world.article(slug("draft")).orElseThrow().status());
        assertTrue(world.page(slug("draft")).isEmpty());

        world.handle(world.upload(key("draft"), PublishWorld.article("Live", "")));
        assertEquals("Live", Jsoup.parse(world.page(slug("draft")).orElseThrow()).selectFirst("h1").text());

        world.handle(world.upload(key("draft"), PublishWorld.article("Back to draft", "draft: true")));
        assertNotNull(Jsoup.parse(world.page(slug("draft")).orElseThrow()).selectFirst("meta[name=robots]"));
    }

    @Test
    void anAddressBelongsToOneFile_C8() {
        String slugLine = "slug: " + slug("taken");
        world.handle(world.upload(key("first"), PublishWorld.article("First owner", slugLine)));
        world.handle(world.upload(key("second"), PublishWorld.article("Second claimant", slugLine)));

        assertEquals("First owner", Jsoup.parse(world.page(slug("taken")).orElseThrow()).selectFirst("h1").text());
        var status = world.upload(key("second"));
        assertEquals("rejected", status.get("outcome").s());
        assertEquals("slug: '" + SiteLayout.articlePath(slug("taken")) + "' is already the address of " + key("first")
                + "; choose another slug or url", status.get("problems").l().get(0).s());
    }

    @Test
    void articlesMayShareASlugWhereTheirUrlsDiffer() {
        String shared = slug("shared");
        world.handle(world.upload(key("in-2019"), PublishWorld.article("From 2019", "slug: " + shared + "\nurl: /blog/2019/" + shared + "/")));
        world.handle(world.upload(key("in-2021"), PublishWorld.article("From 2021", "slug: " + shared + "\nurl: /blog/2021/" + shared + "/")));

        assertEquals("published", world.upload(key("in-2021")).get("outcome").s());
        Document page = Jsoup.parse(world.pageAt("/blog/2021/" + shared + "/").orElseThrow());
        assertEquals("From 2021", page.selectFirst("h1").text());
        assertEquals(PublishWorld.SITE_URL + "/blog/2021/" + shared + "/", page.selectFirst("link[rel=canonical]").attr("href"));
        assertEquals("/api/articles/blog~2021~" + shared + "~/comments", page.selectFirst("form#comment-form").attr("action"),
                "comments are the article's, at its path");
        assertTrue(world.siteObject("blog/2019/" + shared + "/index.html").isPresent(), "a path ending in / is served by its index.html");
        assertEquals("From 2019", world.articleAt("/blog/2019/" + shared + "/").orElseThrow().article().metadata().title());
        assertTrue(world.page(shared).isEmpty(), "neither is at the slug's default path");
    }

    @Test
    void publishesAStaticPageAtTheRootWithoutTheNewsFurniture() {
        String key = "pages/" + world.id + "-about.md";
        world.handle(world.upload(key, PublishWorld.article("About us", "")));

        assertEquals("published", world.upload(key).get("outcome").s());
        Document page = Jsoup.parse(world.pageAt("/" + slug("about")).orElseThrow());
        assertEquals("About us", page.selectFirst("h1").text());
        assertTrue(page.selectFirst(".body").text().startsWith("The harbour bridge reopened"), page.html());
        assertEquals(PublishWorld.SITE_URL + "/" + slug("about"), page.selectFirst("link[rel=canonical]").attr("href"));
        assertTrue(page.select("#comment-form, .comments, .more, .meta, .author, .kicker, .ad").isEmpty(),
                "no comments, related list, byline, date, category or advertisement");
        assertTrue(page.selectFirst("script[type=application/ld+json]").data().contains("\"WebPage\""));
        assertEquals(true, world.itemAt("/" + slug("about")).get("page").bool());
        assertFalse(world.itemAt("/" + slug("about")).get("commentsOpen").bool());

        world.handle(world.delete(key));
        assertNotNull(Jsoup.parse(world.pageAt("/" + slug("about")).orElseThrow()).selectFirst("meta[name=robots]"),
                "deleting it withdraws it");
    }

    @Test
    void aUrlTakenByAnotherFileIsRefused_C8() {
        String url = "url: /blog/" + slug("taken-url") + "/";
        world.handle(world.upload(key("first-url"), PublishWorld.article("First owner", url)));
        world.handle(world.upload(key("second-url"), PublishWorld.article("Second claimant", url)));

        assertEquals("First owner", Jsoup.parse(world.pageAt("/blog/" + slug("taken-url") + "/").orElseThrow()).selectFirst("h1").text());
        var status = world.upload(key("second-url"));
        assertEquals("rejected", status.get("outcome").s());
        assertEquals("url: '/blog/" + slug("taken-url") + "/' is already the address of " + key("first-url")
                + "; choose another slug or url", status.get("problems").l().get(0).s());
    }

    @Test
    void aRenamedFileKeepsItsArticleWhateverTheEventOrder_A9() {
        String slugLine = "slug: " + slug("renamed");
        world.handle(world.upload(key("old-name"), PublishWorld.article("Renamed", slugLine)));
        ObjectNode created = world.upload(key("new-name"), PublishWorld.article("Renamed", slugLine));
        ObjectNode deleted = world.delete(key("old-name"));

        world.handle(created);
        world.handle(deleted);

        StoredArticle stored = world.article(slug("renamed")).orElseThrow();
        assertEquals(ArticleStatus.PUBLISHED, stored.status());
        assertEquals(key("new-name"), stored.sourceKey());
        assertEquals("Renamed", Jsoup.parse(world.page(slug("renamed")).orElseThrow()).selectFirst("h1").text());
    }

    @Test
    void changingTheSlugWithdrawsTheOldPage() {
        world.handle(world.upload(key("moving"), PublishWorld.article("Moving", "slug: " + slug("old-place"))));
        world.handle(world.upload(key("moving"), PublishWorld.article("Moving", "slug: " + slug("new-place"))));

        assertEquals(ArticleStatus.UNPUBLISHED, world.article(slug("old-place")).orElseThrow().status());
        assertNotNull(Jsoup.parse(world.page(slug("old-place")).orElseThrow()).selectFirst("meta[name=robots]"));
        assertEquals("Moving", Jsoup.parse(world.page(slug("new-place")).orElseThrow()).selectFirst("h1").text());
    }

    @Test
    void oldAddressesLeadToWhereTheArticleIsNow() {
        String first = "/blog/" + slug("first") + "/";
        String second = "/blog/2024/" + slug("second") + "/";
        String alias = "/" + slug("old-alias") + ".html";
        String wordpress = "/?p=" + (1 + Long.parseLong(world.id, 16));
        world.handle(world.upload(key("moves"), PublishWorld.article("Moves", "url: " + first
                + "\naliases: ['" + alias + "', '" + wordpress + "']")));
        assertEquals(Map.of(alias, first, wordpress, first), world.redirectsOf(alias, wordpress, first));

        world.handle(world.upload(key("moves"), PublishWorld.article("Moves", "url: " + second + "\naliases: ['" + alias + "']")));

        assertEquals(Map.of(alias, second, first, second), world.redirectsOf(alias, wordpress, first, second),
                "the old path redirects, the alias follows the article with no chain, and the dropped alias goes");
        assertEquals(ArticleStatus.UNPUBLISHED, world.articleAt(first).orElseThrow().status());

        world.handle(world.delete(key("moves")));
        assertEquals(Map.of(), world.redirectsOf(alias, first, second), "a withdrawn article takes its redirects with it");
    }

    @Test
    void theSiteConfigurationPlacesArticlesAndAPatternChangeKeepsTheOldAddresses() {
        String section = world.id + "-blog";
        String name = world.id + "-harbour";
        String key = "articles/" + section + "/2026/" + name + ".md";
        world.handle(world.upload(SiteSettings.KEY, "permalinks:\n  " + section + ": /" + section + "/:year/:month/:day/:slug/\n"));
        world.handle(world.upload(key, PublishWorld.article("Harbour", "")));
        String dated = "/" + section + "/2026/11/20/" + name + "/";
        assertEquals("Harbour", Jsoup.parse(world.pageAt(dated).orElseThrow()).selectFirst("h1").text());

        world.handle(world.upload(SiteSettings.KEY, "permalinks:\n  " + section + ": /" + section + "/:slug/\n"));

        String plain = "/" + section + "/" + name + "/";
        assertEquals("Harbour", Jsoup.parse(world.pageAt(plain).orElseThrow()).selectFirst("h1").text(),
                "a pattern change publishes the section's articles again at their new address");
        assertEquals(Map.of(dated, plain), world.redirectsOf(dated, plain), "the previous permalink answers with the new one");
        assertEquals(ArticleStatus.UNPUBLISHED, world.articleAt(dated).orElseThrow().status());
        assertEquals("published", world.upload(SiteSettings.KEY).get("outcome").s());

        world.handle(world.delete(SiteSettings.KEY));
        String standard = "/articles/" + name;
        assertTrue(world.articleAt(standard).filter(a -> a.status() == ArticleStatus.PUBLISHED).isPresent(),
                "without a configuration, the standard permalink applies again");
        assertEquals(Map.of(dated, standard, plain, standard), world.redirectsOf(dated, plain));
        world.handle(world.delete(key));
    }

    /** A bulk upload whose site.yaml lands after its articles: a file refused under the configuration before is read again under the new one (A23). */
    @Test
    void aFileRefusedUnderTheConfigurationBeforeIsReadAgainWhenANewOneComesIntoForce_A23() {
        String section = world.id + "-news";
        String name = world.id + "-summit";
        String earlier = "articles/" + section + "/2025/" + name + ".md";
        String later = "articles/" + section + "/2026/" + name + ".md";
        world.handle(world.upload(earlier, PublishWorld.article("Summit 2025", "")));
        world.handle(world.upload(later, PublishWorld.article("Summit 2026", "")));
        assertEquals("rejected", world.upload(later).get("outcome").s(), "under the standard permalinks both files claim /articles/" + name);

        world.handle(world.upload(SiteSettings.KEY, "permalinks:\n  " + section + ": /:sections/:slug/\n"));

        assertEquals("published", world.upload(later).get("outcome").s(), "read again once the site's permalinks give it an address of its own");
        assertEquals("Summit 2026", Jsoup.parse(world.pageAt("/" + section + "/2026/" + name + "/").orElseThrow()).selectFirst("h1").text());
        assertEquals("Summit 2025", Jsoup.parse(world.pageAt("/" + section + "/2025/" + name + "/").orElseThrow()).selectFirst("h1").text());
        world.handle(world.delete(SiteSettings.KEY));
        world.handle(world.delete(earlier));
        world.handle(world.delete(later));
    }

    /** Menus are on every page: pages published under a configuration show its menus, and a change of them asks the relate function for every page. */
    @Test
    void aConfigurationsMenusAreOnItsPagesAndAChangeOfThemAsksForEveryPage() {
        String name = world.id + "-menu-story";
        world.handle(world.upload(SiteSettings.KEY, "menus:\n  main:\n    - {name: About, url: /about}\n  footer:\n    - {name: Privacy, url: /privacy}\n"));
        String asked = world.upload(SiteSettings.KEY).get("sequencer").s();
        world.handle(world.upload("articles/" + name + ".md", PublishWorld.article("Menu story", "")));

        var page = Jsoup.parse(world.page(name).orElseThrow());
        assertEquals(List.of("/about"), page.select("header nav a").eachAttr("href"));
        assertEquals(List.of("/privacy"), page.select("footer nav a").eachAttr("href"));
        assertEquals(asked, world.itemAt(ShellMarker.KEY).get("settings").s(), "every page asked for under the new menus");

        world.handle(world.upload(SiteSettings.KEY, "menus:\n  main:\n    - {name: About, url: /about}\n  footer:\n    - {name: Privacy, url: /privacy}\n"
                + "params:\n  unused: 1\n"));
        assertEquals(asked, world.itemAt(ShellMarker.KEY).get("settings").s(), "the same menus ask for nothing");

        world.handle(world.delete(SiteSettings.KEY));
        assertTrue(!world.itemAt(ShellMarker.KEY).get("settings").s().equals(asked), "no menus is a change of them too");
        world.handle(world.delete("articles/" + name + ".md"));
    }

    @Test
    void anArticleReadWhileANewConfigurationCameIntoForceIsPublishedUnderTheNewOne() {
        String section = world.id + "-race";
        String name = world.id + "-ferry";
        String key = "articles/" + section + "/" + name + ".md";
        world.handle(world.upload(SiteSettings.KEY, "permalinks:\n  " + section + ": /" + section + "/:slug/\n"));
        JsonNode upload = world.upload(key, PublishWorld.article("Ferry", ""));
        JsonNode newConfiguration = world.upload(SiteSettings.KEY, "permalinks:\n  " + section + ": /" + section + "/:year/:slug/\n");

        // The new site.yaml is put in force while the article's file is being read: it looks for the
        // section's articles before this one is stored, so it cannot find it.
        world.handle(world.handlerWhileReading(key, () -> world.handle(newConfiguration)), upload);

        assertTrue(world.articleAt("/" + section + "/2026/" + name + "/").filter(a -> a.status() == ArticleStatus.PUBLISHED).isPresent(),
                "published under the configuration in force when it was stored");
        assertTrue(world.articleAt("/" + section + "/" + name + "/").map(a -> a.status() != ArticleStatus.PUBLISHED).orElse(true));
        world.handle(world.delete(key));
        world.handle(world.delete(SiteSettings.KEY));
    }

    @Test
    void theConfigurationsRedirectsTakeOnlyAddressesNoArticleHasAndGoWhenItDropsThem() {
        String section = "/" + world.id + "-blog/";
        String taken = "/" + world.id + "-taken/";
        String aliased = "/" + world.id + "-aliased/";
        world.handle(world.upload(key("taken"), PublishWorld.article("Taken", "url: " + taken + "\naliases: [" + aliased + "]\n")));
        world.handle(world.upload(SiteSettings.KEY, "redirects:\n  " + section + ": /\n  " + taken + ": /\n  " + aliased + ": /\n"));

        String bare = section.substring(0, section.length() - 1);
        String takenBare = taken.substring(0, taken.length() - 1);
        assertEquals(Map.of(section, "/", bare, "/", aliased, taken), world.redirectsOf(section, bare, taken, takenBare, aliased),
                "a section's old list answers with the home, with and without its slash; an article's address (both its forms) and"
                        + " its alias come first");
        String report = world.sourceObject("publish-reports/site.yaml.json").orElseThrow().asUtf8String();
        assertTrue(report.contains("published with warnings") && report.contains(taken) && report.contains(aliased),
                "the editor hears which redirects were left out: " + report);

        world.handle(world.upload(SiteSettings.KEY, "redirects:\n  " + section + ": /" + world.id + "-news/\n"));
        assertEquals(Map.of(section, "/" + world.id + "-news/", bare, "/" + world.id + "-news/", aliased, taken),
                world.redirectsOf(section, bare, taken, aliased), "a changed target is put; an article's alias is never the configuration's to remove");
        String old = "/" + world.id + "-old-taken/";
        world.handle(world.upload(SiteSettings.KEY, "redirects:\n  " + old + ": " + taken + "\n"));
        world.handle(world.delete(key("taken")));
        assertEquals(Map.of(old, taken), world.redirectsOf(old, aliased),
                "a withdrawn article takes its own redirects, not the ones the editor configured");
        world.handle(world.delete(SiteSettings.KEY));
        assertEquals(Map.of(), world.redirectsOf(section, bare, old), "dropped with the file");
    }

    @Test
    void aRefusedConfigurationIsReportedAndTheOneBeforeStaysInForce_C19() {
        String section = world.id + "-news";
        world.handle(world.upload(SiteSettings.KEY, "permalinks:\n  " + section + ": /" + section + "/:slug/\n"));
        world.handle(world.upload(SiteSettings.KEY, "permalinks:\n  " + section + ": /" + section + "/:year/\nmenus: {main: [{name: x, url: 'javascript:alert(1)'}]}\n"));

        var status = world.upload(SiteSettings.KEY);
        assertEquals("rejected", status.get("outcome").s());
        String report = world.sourceObject("publish-reports/site.yaml.json").orElseThrow().asUtf8String();
        assertTrue(report.contains("permalinks." + section) && report.contains("menus.main[0].url"), report);

        world.handle(world.upload("articles/" + section + "/tram.md", PublishWorld.article("Tram", "")));
        assertTrue(world.pageAt("/" + section + "/tram/").isPresent(), "the configuration before the refused one is in force");

        world.handle(world.upload(SiteSettings.KEY, "permalinks:\n  " + section + ": /" + section + "/:slug/\n"));
        assertTrue(world.sourceObject("publish-reports/site.yaml.json").isEmpty(), "an accepted configuration clears the report");
        world.handle(world.delete("articles/" + section + "/tram.md"));
        world.handle(world.delete(SiteSettings.KEY));
    }

    @Test
    void aChangedShortcodePublishesAgainExactlyTheBodiesThatUseIt() {
        String badge = world.id + "-badge";
        world.handle(world.upload(SiteSettings.KEY, "shortcodes:\n  " + badge + ": {html: '<p>Old badge</p>'}\n"));
        world.handle(world.upload(key("badged"), PublishWorld.article("Badged", "").replace("More text.", "{{< " + badge + " >}}")));
        world.handle(world.upload(key("plain"), PublishWorld.article("Plain", "")));
        assertTrue(world.page(slug("badged")).orElseThrow().contains("Old badge"));
        long plainVersion = world.article(slug("plain")).orElseThrow().version();

        world.handle(world.upload(SiteSettings.KEY, "shortcodes:\n  " + badge + ": {html: '<p>New badge for {{ 0 }}</p>'}\n"));

        String page = world.page(slug("badged")).orElseThrow();
        assertTrue(page.contains("New badge") && !page.contains("{{"), page);
        assertEquals(plainVersion, world.article(slug("plain")).orElseThrow().version(), "a body that does not use it is left alone");
        world.handle(world.delete(SiteSettings.KEY));
    }

    @Test
    void anAliasIsOneArticlesAndNeverHidesAPage_C18() {
        String owner = "/" + slug("owner") + "/";
        String alias = "/" + slug("contested") + "/";
        world.handle(world.upload(key("owner"), PublishWorld.article("Owner", "url: " + owner + "\naliases: ['" + alias + "']")));
        world.handle(world.upload(key("claimant"), PublishWorld.article("Claimant", "aliases: ['" + alias + "', '" + owner + "']")));

        String unslashed = alias.substring(0, alias.length() - 1);
        String ownerUnslashed = owner.substring(0, owner.length() - 1);
        assertEquals(Map.of(alias, owner, unslashed, owner), world.redirectsOf(alias, unslashed, owner, ownerUnslashed),
                "a folder alias answers with and without its slash; a page's address, either way, never redirects");
        var status = world.upload(key("claimant"));
        assertEquals("published", status.get("outcome").s(), "an alias left out is a warning, not a refusal");
        assertEquals(List.of("aliases: '" + alias + "' is already an alias of " + owner + "; left out",
                        "aliases: '" + owner + "' is the address of " + key("owner") + "; left out"),
                status.get("problems").l().stream().map(v -> v.s()).toList());

        world.handle(world.upload(key("takes-over"), PublishWorld.article("Takes over", "url: " + alias)));
        assertEquals(Map.of(), world.redirectsOf(alias, unslashed), "an article published at an alias takes the address over");
        assertTrue(world.upload(key("takes-over")).get("problems").l().get(0).s().contains("was an alias of " + owner));
    }

    @Test
    void traversalSlugsStayInsideTheArticlePrefix_C4() {
        world.handle(world.upload(key("escape"), PublishWorld.article("Escape", "slug: ../../" + world.id + "-index")));
        assertTrue(world.page(world.id + "-index").isPresent());
        List<String> keys = world.s3.listObjectsV2Paginator(r -> r.bucket(world.siteBucket)).contents().stream()
                .map(S3Object::key).toList();
        assertTrue(keys.contains("articles/" + world.id + "-index.html"), keys::toString);
        assertTrue(keys.stream().noneMatch(k -> k.contains("..") || k.equals(world.id + "-index.html") || k.equals("index.html")),
                keys::toString);
    }

    @Test
    void copiesAssetsWithTheirTypeAndALongCacheLife() {
        String key = "assets/" + world.id + "/report.pdf";
        byte[] pdf = "%PDF-1.4 a council report".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        var put = world.s3.putObject(r -> r.bucket(world.sourceBucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromBytes(pdf));
        world.handle(S3Events.created(world.sourceBucket, key, put.eTag(), pdf.length, S3Events.nextSequencer()));

        var copy = world.siteObject(key).orElseThrow();
        assertEquals("application/pdf", copy.response().contentType());
        assertEquals(SiteBucket.ASSET_CACHE, copy.response().cacheControl());
        assertEquals(List.of(pdf.length), List.of(copy.asByteArray().length));

        world.handle(world.delete(key));
        assertTrue(world.siteObject(key).isEmpty());
    }

    /** A photo gets its width variants beside it, and its size is recorded for the pages that show it; deleted, they all go. */
    @Test
    void givesAnUploadedPhotoItsWidthVariantsAndRecordsItsSize() throws Exception {
        String key = "assets/" + world.id + "/quay.JPG";
        byte[] jpeg = PublishWorld.photo(1800, 1200);
        var put = world.s3.putObject(r -> r.bucket(world.sourceBucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromBytes(jpeg));
        world.handle(S3Events.created(world.sourceBucket, key, put.eTag(), jpeg.length, S3Events.nextSequencer()));

        assertEquals(jpeg.length, world.siteObject(key).orElseThrow().asByteArray().length, "the original, as uploaded");
        for (int width : List.of(480, 960, 1600)) {
            var variant = world.siteObject("assets/" + world.id + "/quay-" + width + "w.JPG").orElseThrow();
            assertEquals("image/jpeg", variant.response().contentType());
            assertEquals(SiteBucket.ASSET_CACHE, variant.response().cacheControl());
            assertEquals(width, javax.imageio.ImageIO.read(variant.asInputStream()).getWidth());
        }
        var images = new dev.newsroom.core.store.ImageStore(world.dynamo, world.uploadsTable);
        assertEquals(new dev.newsroom.core.image.StoredImage(new dev.newsroom.core.image.ImageVariants.Size(1800, 1200),
                List.of(480, 960, 1600)), images.find("/" + key).orElseThrow());

        world.handle(world.delete(key));
        assertTrue(world.siteObject(key).isEmpty());
        assertTrue(world.siteObject("assets/" + world.id + "/quay-480w.JPG").isEmpty(), "the variants go with it");
        assertTrue(images.find("/" + key).isEmpty());
    }

    /** In a bulk upload, an article may come before its photo or after it: either way its page ends with the photo's size and variants. */
    @Test
    void anArticlesPhotosGetTheirSizeAndVariantsWhicheverArrivesFirst() {
        String before = "assets/" + world.id + "/before.jpg";
        String after = "assets/" + world.id + "/after.jpg";
        uploadPhoto(before, 1200, 800);
        String first = world.id + "-photo-first";
        world.handle(world.upload("articles/" + first + ".md", PublishWorld.article("Photo first", "image: /" + before)));
        String second = world.id + "-article-first";
        world.handle(world.upload("articles/" + second + ".md", PublishWorld.article("Article first", "")
                .replace("More text.", "![After](/" + after + ")")));
        assertFalse(Jsoup.parse(world.page(second).orElseThrow()).selectFirst(".body img").hasAttr("width"), "not there yet");

        uploadPhoto(after, 2000, 1000);

        var lead = Jsoup.parse(world.page(first).orElseThrow()).selectFirst("figure.lead img");
        assertEquals(List.of("1200", "800"), List.of(lead.attr("width"), lead.attr("height")));
        assertTrue(lead.attr("srcset").startsWith("/" + before.replace(".jpg", "-480w.jpg") + " 480w"), lead::toString);
        var body = Jsoup.parse(world.page(second).orElseThrow()).selectFirst(".body img");
        assertEquals(List.of("2000", "1000"), List.of(body.attr("width"), body.attr("height")), "read again once its photo came");
        assertTrue(body.attr("srcset").contains("/" + after.replace(".jpg", "-1600w.jpg") + " 1600w"), body::toString);
    }

    private void uploadPhoto(String key, int width, int height) {
        world.handle(world.uploadPhoto(key, width, height));
    }

    /** A stack deployed before width variants: its photos were copied as they were, and its pages show them unsized, until the upgrade. */
    @Test
    void theUpgradeSizesPhotosUploadedBeforeVariantsAndPublishesTheirArticlesAgain() {
        String key = "assets/" + world.id + "/earlier.jpg";
        byte[] jpeg = PublishWorld.photo(1300, 900);
        world.s3.putObject(r -> r.bucket(world.sourceBucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromBytes(jpeg));
        world.s3.putObject(r -> r.bucket(world.siteBucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromBytes(jpeg));
        String slug = world.id + "-earlier-photo";
        world.handle(world.upload("articles/" + slug + ".md", PublishWorld.article("Earlier photo", "image: /" + key)));
        // An earlier version noted no file as waiting for its photo.
        world.dynamo.updateItem(r -> r.tableName(world.uploadsTable).key(Map.of("sourceKey", AttributeValue.fromS("image:/" + key)))
                .updateExpression("REMOVE waiting"));
        assertFalse(Jsoup.parse(world.page(slug).orElseThrow()).selectFirst("figure.lead img").hasAttr("width"));
        var upgrade = LocalJson.mapper().createObjectNode().put("upgrade", "image-sizes").put("bucket", world.sourceBucket);

        // An invocation whose time is all but gone starts nothing, and says what it left for the next run.
        JsonNode late = world.answer(upgrade, LambdaContext.invocationOf("publish", (int) PublishHandler.UPGRADE_MARGIN.toSeconds()));
        assertTrue(late.get("left").asInt() >= 1, late::toString);
        assertTrue(late.get("result").asText().contains("left for the next run: run it again"), late::toString);
        assertEquals("", late.get("after").asText(), "it did none, so the next run starts where this one did");
        assertTrue(world.siteObject("assets/" + world.id + "/earlier-960w.jpg").isEmpty());

        JsonNode answer = world.answer(upgrade);
        assertEquals(0, answer.get("left").asInt(), answer::toString);
        assertTrue(answer.get("result").asText().endsWith("; nothing left to do"), answer::toString);

        var lead = Jsoup.parse(world.page(slug).orElseThrow()).selectFirst("figure.lead img");
        assertEquals(List.of("1300", "900"), List.of(lead.attr("width"), lead.attr("height")));
        assertTrue(world.siteObject("assets/" + world.id + "/earlier-960w.jpg").isPresent());
        long version = world.article(slug).orElseThrow().version();
        world.handle(upgrade);
        assertEquals(version, world.article(slug).orElseThrow().version(), "run again, it finds the article showing its sizes");
    }

    /** Deleted and uploaded again, with the delete's event handled last: the photo stays, as the source holds it (A3). */
    @Test
    void aLateRemovalEventLeavesAPhotoUploadedAgainSince_A3() {
        String key = "assets/" + world.id + "/again.jpg";
        uploadPhoto(key, 1000, 700);
        ObjectNode removed = world.delete(key);
        ObjectNode again = world.uploadPhoto(key, 1100, 700);

        world.handle(again);
        world.handle(removed);

        assertTrue(world.siteObject(key).isPresent());
        assertTrue(world.siteObject("assets/" + world.id + "/again-960w.jpg").isPresent());
        assertEquals(1100, new dev.newsroom.core.store.ImageStore(world.dynamo, world.uploadsTable).find("/" + key).orElseThrow().size().width());
    }

    @Test
    void refusesAnImageThatCannotBeReadOrWouldDecodeTooLargeWithAReport_G9() {
        String key = "assets/" + world.id + "/broken.jpg";
        byte[] broken = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};
        var put = world.s3.putObject(r -> r.bucket(world.sourceBucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromBytes(broken));
        world.handle(S3Events.created(world.sourceBucket, key, put.eTag(), broken.length, S3Events.nextSequencer()));

        assertTrue(world.siteObject(key).isEmpty(), "nothing of it is served");
        String report = world.sourceObject(world.config.reportPrefix() + key + ".json").orElseThrow().asUtf8String();
        assertTrue(report.contains("cannot be read as an image"), report);
    }

    @Test
    void ignoresKeysThatAreNotArticles() {
        String key = "articles/" + world.id + "-notes.txt";
        world.handle(world.upload(key, "just notes"));
        assertNull(world.upload(key));
        assertTrue(world.page(world.id + "-notes").isEmpty());
    }

    private static String sequencerOf(ObjectNode event) {
        return event.get("Records").get(0).get("s3").get("object").get("sequencer").asText();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
