package dev.newsroom.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.testkit.LocalCloudFront;
import dev.newsroom.testkit.LocalJson;
import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Legal takedowns, through the publish function as an operator invokes it ({@code ./newsroom
 * takedown}, or {@code aws lambda invoke}): the page is withdrawn at once and dropped from the edge,
 * and the address stays down through every later upload until the takedown is lifted.
 */
@ExtendWith(LocalServicesExtension.class)
class TakedownIT {

    private final PublishWorld world;

    TakedownIT(Provisioned local) {
        this.world = new PublishWorld(local.services(), local.names());
    }

    private String publish(String slug, String title, String extra) {
        String key = "articles/" + slug + ".md";
        world.handle(world.upload(key, PublishWorld.article(title, extra)));
        assertTrue(world.page(slug).orElseThrow().contains(title));
        return key;
    }

    private JsonNode takedown(String article) {
        return world.answer(LocalJson.mapper().createObjectNode().set("takedown", LocalJson.mapper().createObjectNode().put("article", article)));
    }

    private JsonNode lift(String article) {
        return world.answer(LocalJson.mapper().createObjectNode().set("takedown", LocalJson.mapper().createObjectNode()
                .put("article", article).put("lift", true).put("bucket", world.sourceBucket)));
    }

    private ArticleStatus status(String slug) {
        return world.article(slug).map(StoredArticle::status).orElseThrow();
    }

    private List<List<String>> invalidationsOf(String slug) {
        return world.cloudFront.invalidations().stream().map(LocalCloudFront.Invalidation::paths)
                .filter(paths -> paths.stream().anyMatch(p -> p.contains(slug))).toList();
    }

    @Test
    void aTakedownWithdrawsThePageAtOnceAndDropsItFromTheEdge_N1() {
        String slug = world.id + "-sealed";
        String key = publish(slug, "Sealed court story", "aliases: [/old/" + slug + "]");
        assertEquals(1, world.redirectsOf("/old/" + slug).size());

        JsonNode answer = takedown(slug);

        assertEquals("/articles/" + slug, answer.path("article").asText());
        assertTrue(answer.path("result").asText().startsWith("taken down"), answer::toString);
        assertEquals(ArticleStatus.WITHDRAWN, status(slug));
        String page = world.page(slug).orElseThrow();
        assertTrue(page.contains(PublishWorld.WITHDRAWN), "the withdrawn notice stands at its address");
        assertFalse(page.contains("Sealed court story"), "the notice names nothing of what was taken down");
        assertTrue(Jsoup.parse(page).select("meta[name=robots]").attr("content").contains("noindex"), "and is not indexed");
        assertEquals("withdrawn", world.upload(key).get("outcome").s(), "the editor's record says why the file is not live");
        assertTrue(world.redirectsOf("/old/" + slug).isEmpty(), "its old addresses no longer lead to it");
        assertEquals(List.of(List.of("/articles/" + slug, "/articles/" + slug + ".html")), invalidationsOf(slug),
                "both the URL readers ask for and the object's path, which the edge function turns it into");
    }

    @Test
    void aTakenDownAddressStaysDownThroughEveryLaterUploadUntilLifted_N2() {
        String slug = world.id + "-injunction";
        String key = publish(slug, "Injunction story", "");
        takedown("/articles/" + slug);

        world.handle(world.upload(key, PublishWorld.article("Injunction story, updated", "")));
        assertEquals(ArticleStatus.WITHDRAWN, status(slug));
        assertFalse(world.page(slug).orElseThrow().contains("Injunction story"), "a re-upload does not bring it back");

        world.handle(world.delete(key));
        world.handle(world.upload("articles/" + world.id + "-other-file.md", PublishWorld.article("Same address, other file", "slug: " + slug)));
        assertEquals(ArticleStatus.WITHDRAWN, status(slug), "nor does another file uploaded to its address");
        assertFalse(world.page(slug).orElseThrow().contains("Same address"));

        JsonNode lifted = lift(slug);

        assertTrue(lifted.path("result").asText().startsWith("takedown lifted"), lifted::toString);
        assertEquals(ArticleStatus.PUBLISHED, status(slug));
        assertTrue(world.page(slug).orElseThrow().contains("Same address, other file"), "the address's file now is read again and published");
    }

    @Test
    void aLiftedTakedownPublishesAsTheFileSaysAnEmbargoStillHolds_N2() {
        String slug = world.id + "-embargoed-then-down";
        world.handle(world.upload("articles/" + slug + ".md", PublishWorld.article("Not yet", "publishDate: 2099-01-01T00:00:00Z")));
        takedown(slug);
        assertEquals(ArticleStatus.WITHDRAWN, status(slug));

        lift(slug);

        assertEquals(ArticleStatus.SCHEDULED, status(slug), "lifting a takedown does not lift an embargo");
        assertTrue(world.page(slug).isEmpty());
    }

    @Test
    void aTakedownNamingNoArticleOrLeavingTheSiteIsRefusedWithItsReason_N3_C4() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> takedown(world.id + "-never-published"));
        assertTrue(missing.getMessage().contains("no article is stored at /articles/" + world.id + "-never-published"), missing::getMessage);

        IllegalArgumentException traversal = assertThrows(IllegalArgumentException.class, () -> takedown("../../etc/passwd"));
        assertTrue(traversal.getMessage().contains("names no article"), traversal::getMessage);

        assertThrows(IllegalArgumentException.class, () -> takedown(" "));
        String live = world.id + "-live";
        publish(live, "Live story", "");
        IllegalArgumentException notDown = assertThrows(IllegalArgumentException.class, () -> lift(live));
        assertTrue(notDown.getMessage().contains("is not taken down (it is published)"), notDown::getMessage);
        assertThrows(IllegalArgumentException.class, () -> world.answer(LocalJson.mapper().createObjectNode().set("takedown",
                LocalJson.mapper().createObjectNode().put("article", "x").put("lift", true))), "a lift names the source bucket");
        assertTrue(world.cloudFront.invalidations().stream().noneMatch(i -> i.paths().stream().anyMatch(p -> p.contains("passwd"))));
    }

    @Test
    void aTakedownRunTwiceInvalidatesOnceAndAScheduleFindsNothingDue_N4() {
        String slug = world.id + "-twice";
        String key = publish(slug, "Twice taken down", "expiryDate: 2099-01-01T00:00:00Z");
        takedown(slug);
        long version = world.article(slug).orElseThrow().version();

        JsonNode again = takedown(slug);
        world.handle(world.due(key));

        assertTrue(again.path("result").asText().startsWith("already taken down"), again::toString);
        assertEquals(version, world.article(slug).orElseThrow().version(), "nothing stored by the second run or the schedule");
        assertEquals(ArticleStatus.WITHDRAWN, status(slug));
        assertEquals(1, invalidationsOf(slug).size(), "the same caller reference: CloudFront makes no second invalidation");
    }

    @Test
    void aTakedownWhoseInvalidationFailsSaysSoAndARunAgainFinishesIt_N5() {
        String slug = world.id + "-edge-down";
        publish(slug, "Edge down story", "");
        world.cloudFront.refuse(10);

        RuntimeException failed = assertThrows(RuntimeException.class, () -> takedown(slug));

        assertTrue(failed.getMessage().contains("ServiceUnavailable") || failed.getMessage().contains("503"), failed::getMessage);
        assertEquals(ArticleStatus.WITHDRAWN, status(slug), "the article is down already; only the edge keeps a copy");
        assertTrue(world.page(slug).orElseThrow().contains(PublishWorld.WITHDRAWN));
        world.cloudFront.refuse(0);

        takedown(slug);

        assertEquals(1, invalidationsOf(slug).size());
    }
}
