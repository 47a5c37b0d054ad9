package dev.newsroom.publish;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.image.ImageVariants;
import dev.newsroom.testkit.LocalJson;
import dev.newsroom.testkit.LocalScheduler;
import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import dev.newsroom.core.store.ArticleItems;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Embargoes and expiry dates, through the publish function and the local scheduler as the template
 * wires them: an article dated in the future has no page and no listing until its time, then goes
 * live by its schedule; one past its expiry date is withdrawn by its schedule.
 */
@ExtendWith(LocalServicesExtension.class)
class EmbargoIT {

    private final Provisioned local;
    private final PublishWorld world;

    EmbargoIT(Provisioned local) {
        this.local = local;
        this.world = new PublishWorld(local.services(), local.names());
    }

    private static Instant inSeconds(long seconds) {
        return Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS);
    }

    private String upload(PublishWorld in, String slug, String frontMatter) {
        String key = "articles/" + slug + ".md";
        in.handle(in.upload(key, "---\ntitle: Embargoed " + slug + "\ncategory: City\nauthor: Amara Okafor\n" + frontMatter
                + "\n---\nThe council votes on Tuesday.\n"));
        return key;
    }

    /** The file's schedules waiting to fire, soonest first. */
    private List<LocalScheduler.Schedule> schedulesOf(PublishWorld in, String key) {
        return in.scheduler.schedules().stream().filter(s -> s.input().contains("\"" + key + "\"")).toList();
    }

    /** The file's latest schedule, if it has one: the one its last upload set. */
    private Optional<LocalScheduler.Schedule> scheduleOf(PublishWorld in, String key) {
        List<LocalScheduler.Schedule> waiting = schedulesOf(in, key);
        return waiting.isEmpty() ? Optional.empty() : Optional.of(waiting.get(waiting.size() - 1));
    }

    private ArticleStatus status(PublishWorld in, String slug) {
        return in.article(slug).map(StoredArticle::status).orElseThrow();
    }

    @Test
    void anArticleDatedInTheFutureHasNoPageUntilItsTimeAndThenGoesLiveByItsSchedule_L1() throws Exception {
        String slug = world.id + "-embargo";
        Instant due = inSeconds(3);
        String key = upload(world, slug, "date: " + due);

        assertEquals(ArticleStatus.SCHEDULED, status(world, slug));
        assertTrue(world.page(slug).isEmpty(), "no page, not even at its own address, before its time");
        assertEquals("scheduled", world.upload(key).get("outcome").s());
        LocalScheduler.Schedule schedule = scheduleOf(world, key).orElseThrow();
        assertEquals(due, schedule.at());
        assertEquals(LocalScheduler.functionArn("PublishFunction"), schedule.targetArn());
        assertEquals(key, LocalJson.mapper().readTree(schedule.input()).path("due").path("key").asText());

        await().atMost(Duration.ofSeconds(20)).until(() -> world.page(slug).isPresent());
        assertFalse(Instant.now().isBefore(due), "live no earlier than its time");
        assertEquals(ArticleStatus.PUBLISHED, status(world, slug));
        await().atMost(Duration.ofSeconds(5)).until(() -> "published".equals(world.upload(key).get("outcome").s()));
        await().atMost(Duration.ofSeconds(5)).until(() -> scheduleOf(world, key).isEmpty());
    }

    @Test
    void aScheduleThatFiresAheadOfOurClockIsCaughtUpNeverEarly_L5() {
        PublishWorld skewed = new PublishWorld(local.services(), local.names(), Duration.ofSeconds(2));
        String slug = skewed.id + "-skewed";
        Instant due = inSeconds(3);
        upload(skewed, slug, "date: " + due);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> skewed.page(slug).isPresent());
        assertFalse(Instant.now().isBefore(due), "the scheduler fired 2 s early by our clock; its catch-up schedule published on time");
        assertEquals(ArticleStatus.PUBLISHED, status(skewed, slug));
    }

    @Test
    void anEmbargoMovedLaterOrEarlierMovesItsSchedule_L2() {
        String slug = world.id + "-moved";
        String key = upload(world, slug, "date: " + inSeconds(3600));
        Instant later = inSeconds(7200);
        upload(world, slug, "date: " + later);
        assertEquals(List.of(later), schedulesOf(world, key).stream().map(LocalScheduler.Schedule::at).toList(),
                "moved later: a schedule at the new time, and the old one deleted");
        assertEquals(ArticleStatus.SCHEDULED, status(world, slug));
        long version = world.article(slug).orElseThrow().version();
        world.handle(world.due(key));
        assertEquals(version, world.article(slug).orElseThrow().version(), "a fire of a time no longer the article's finds nothing due");
        assertEquals(ArticleStatus.SCHEDULED, status(world, slug), "and publishes nothing early");

        upload(world, slug, "date: 2026-01-05T08:00:00Z");
        assertEquals(ArticleStatus.PUBLISHED, status(world, slug), "moved into the past: live at once");
        assertTrue(world.page(slug).isPresent());
        assertEquals(List.of(), schedulesOf(world, key), "live at once, and its schedule deleted");

        upload(world, slug, "date: " + inSeconds(3600));
        assertEquals(ArticleStatus.SCHEDULED, status(world, slug), "embargoed again after it was live");
        assertTrue(world.page(slug).orElseThrow().contains(PublishWorld.WITHDRAWN), "its page is withdrawn until the new time");
    }

    @Test
    void anEmbargoedArticleDeletedIsWithdrawnAndItsScheduleDeleted_L3() {
        String slug = world.id + "-deleted";
        String key = upload(world, slug, "date: " + inSeconds(3600));
        assertEquals(1, schedulesOf(world, key).size());
        world.handle(world.delete(key));

        assertEquals(ArticleStatus.UNPUBLISHED, status(world, slug));
        assertEquals(List.of(), schedulesOf(world, key), "its schedule is deleted");
        world.handle(world.due(key));
        assertEquals(ArticleStatus.UNPUBLISHED, status(world, slug), "a schedule that fired anyway finds nothing due");
        assertTrue(world.page(slug).isEmpty());
    }

    @Test
    void aScheduleThatFiresTwiceChangesNothingTheSecondTime_L4() {
        String slug = world.id + "-twice";
        String key = upload(world, slug, "date: " + inSeconds(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> "published".equals(world.upload(key).get("outcome").s()));
        long version = world.article(slug).orElseThrow().version();

        world.handle(world.due(key));
        assertEquals(version, world.article(slug).orElseThrow().version(), "the second delivery stores nothing");
        assertTrue(world.deadLetters.isEmpty());
    }

    @Test
    void anExpiryDateWithdrawsTheArticleAtItsTime_L6() {
        String slug = world.id + "-expires";
        Instant expiry = inSeconds(3);
        String key = upload(world, slug, "date: 2026-11-20\nexpiryDate: " + expiry);
        assertEquals(ArticleStatus.PUBLISHED, status(world, slug));
        assertEquals(expiry, scheduleOf(world, key).orElseThrow().at());

        // The item is stored before its page is written, and the upload's record last.
        await().atMost(Duration.ofSeconds(20)).until(() -> "expired".equals(world.upload(key).get("outcome").s()));
        assertEquals(ArticleStatus.EXPIRED, status(world, slug));
        assertTrue(world.page(slug).orElseThrow().contains(PublishWorld.WITHDRAWN), "its page is withdrawn");
    }

    @Test
    void anArticleAlreadyPastItsExpiryIsNeverPublished_L6() {
        String slug = world.id + "-expired";
        upload(world, slug, "date: 2025-11-20\nexpiryDate: 2026-01-01");
        assertEquals(ArticleStatus.EXPIRED, status(world, slug));
        assertTrue(world.page(slug).isEmpty());
    }

    @Test
    void aScheduleEventThatNamesNoFileIsRefusedAndChangesNothing_L7() {
        ObjectNode event = LocalJson.mapper().createObjectNode();
        event.putObject(DueSchedules.EVENT_FIELD).put("bucket", world.sourceBucket);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> world.handle(event));
        assertTrue(refused.getMessage().contains("names no bucket and key"), refused.getMessage());
        world.handle(world.due("articles/" + world.id + "-never-uploaded.md"));
        assertTrue(world.article(world.id + "-never-uploaded").isEmpty(), "a file never uploaded publishes nothing");
    }

    /** What a version before scheduled publishing stored: the article published at once, and no schedule. */
    private void asAnEarlierVersionStoredIt(String slug, String key) {
        Map<String, AttributeValue> item = new HashMap<>(world.item(slug));
        item.put(ArticleItems.STATUS, AttributeValue.fromS("published"));
        item.put(ArticleItems.FEED_KEY, AttributeValue.fromS(ArticleItems.FEED_ALL));
        world.dynamo.putItem(r -> r.tableName(world.articlesTable).item(item));
        schedulesOf(world, key).forEach(s -> world.schedulerClient().deleteSchedule(r -> r.groupName(LocalScheduler.GROUP).name(s.name())));
    }

    @Test
    void theUpgradeEmbargoesWhatAnEarlierVersionPublishedEarlyAndSchedulesEveryTime() {
        String early = world.id + "-published-early";
        String earlyKey = upload(world, early, "date: " + inSeconds(3600));
        asAnEarlierVersionStoredIt(early, earlyKey);
        String expiring = world.id + "-expiring-unscheduled";
        Instant expiry = inSeconds(7200);
        String expiringKey = upload(world, expiring, "date: 2026-11-20\nexpiryDate: " + expiry);
        asAnEarlierVersionStoredIt(expiring, expiringKey);
        assertTrue(scheduleOf(world, earlyKey).isEmpty() && scheduleOf(world, expiringKey).isEmpty());

        ObjectNode upgrade = LocalJson.mapper().createObjectNode().put(PublishHandler.UPGRADE_FIELD, "schedule-times").put("bucket", world.sourceBucket);
        world.handle(upgrade);

        assertEquals(ArticleStatus.SCHEDULED, status(world, early), "embargoed as its date says");
        assertTrue(scheduleOf(world, earlyKey).isPresent());
        assertEquals(ArticleStatus.PUBLISHED, status(world, expiring));
        assertEquals(expiry, scheduleOf(world, expiringKey).orElseThrow().at(), "its expiry is scheduled");
        long version = world.article(early).orElseThrow().version();
        world.handle(upgrade);
        assertEquals(version, world.article(early).orElseThrow().version(), "run again, it changes nothing");
    }

    /** An editor's later upload of the file is refused: the version in force still goes live, and later expires, on time. */
    @Test
    void aRefusedLaterUploadLeavesTheVersionInForceToItsOwnTimes_L8() {
        String slug = world.id + "-refused-later";
        Instant due = inSeconds(2);
        Instant expiry = inSeconds(4);
        String key = upload(world, slug, "date: " + due + "\nexpiryDate: " + expiry);
        world.handle(world.upload(key, "---\ntitle: [unterminated\n---\nA broken edit.\n"));
        assertEquals("rejected", world.upload(key).get("outcome").s());

        await().atMost(Duration.ofSeconds(20)).until(() -> world.page(slug).filter(p -> p.contains("Embargoed " + slug)).isPresent());
        assertFalse(Instant.now().isBefore(due), "live no earlier than its time");
        assertEquals(ArticleStatus.PUBLISHED, status(world, slug));
        assertEquals("rejected", world.upload(key).get("outcome").s(), "the editor still reads why the upload was refused");

        // The item is stored before its page is written: the page is what readers see.
        await().atMost(Duration.ofSeconds(20)).until(() -> world.page(slug).orElseThrow().contains(PublishWorld.WITHDRAWN));
        assertFalse(Instant.now().isBefore(expiry), "withdrawn no earlier than its expiry");
        assertEquals(ArticleStatus.EXPIRED, status(world, slug));
        assertEquals(List.of(), world.deadLetters);
    }

    /** A schedule's fire that reads the file's state just before a refused upload of it is recorded reads it again: the article still goes live (L8). */
    @Test
    void aScheduleFireCrossingARefusedUploadOfItsFileStillPublishes_L8() {
        String slug = world.id + "-crossed";
        String key = upload(world, slug, "date: " + inSeconds(3600));
        ObjectNode refused = world.upload(key, "---\ntitle: [unterminated\n---\nA broken edit.\n");
        var once = new java.util.concurrent.atomic.AtomicBoolean();
        // The fire has read the file's upload record; the refused upload is recorded before it reads the article.
        var crossing = new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
            @Override
            public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                        software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.GetItemRequest get
                        && get.tableName().equals(world.articlesTable) && once.compareAndSet(false, true)) {
                    world.handle(refused);
                }
            }
        };
        // Its time has come by this function's clock, which runs past it; the scheduler's own fire is an hour away.
        var later = java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofMinutes(61));
        var fire = new PublishHandler(Publisher.create(world.config, world.s3, local.services().dynamoDb(List.of(crossing)),
                world.schedulerClient(), world.edge(), later), dev.newsroom.core.logging.LogSettings.DEFAULT);
        world.handle(fire, world.due(key));

        assertTrue(once.get(), "the refused upload crossed the fire");
        assertEquals("rejected", world.upload(key).get("outcome").s());
        assertEquals(ArticleStatus.PUBLISHED, status(world, slug), "the version in force went live at its time all the same");
    }

    @Test
    void aDraftDatedInTheFutureIsADraftWithoutASchedule() {
        String slug = world.id + "-draft";
        String key = upload(world, slug, "date: " + inSeconds(3600) + "\ndraft: true");
        assertEquals(ArticleStatus.DRAFT, status(world, slug));
        assertTrue(scheduleOf(world, key).isEmpty());
        assertEquals(List.of(), world.deadLetters);
    }

    /** Which of the image's files are on the site: the image uploaded as {@code key} and each of its width variants. */
    private List<String> onSite(String key) {
        return ImageVariants.keysOf(key).stream().filter(file -> world.siteObject(file).isPresent()).toList();
    }

    private static List<String> withVariants(String key, int... widths) {
        List<String> files = new java.util.ArrayList<>(List.of(key));
        for (int width : widths) {
            files.add(ImageVariants.variantKey(key, width));
        }
        return files;
    }

    /** An article dated {@code date} with a lead image and body images, each a path on the site without its leading slash. */
    private static String withPhotos(String title, Instant date, String lead, String... body) {
        StringBuilder text = new StringBuilder("---\ntitle: " + title + "\ndate: " + date + "\ncategory: City\nauthor: Amara Okafor\n"
                + "image: /" + lead + "\n---\nThe quarterly figures.\n");
        for (String image : body) {
            text.append("\n![A chart](/").append(image).append(")\n");
        }
        return text.toString();
    }

    @Test
    void anEmbargoedArticlesImagesAreNotServedUntilItGoesLive_L9() {
        String before = "assets/" + world.id + "/before.jpg";
        String after = "assets/" + world.id + "/after.jpg";
        String shared = "assets/" + world.id + "/shared.jpg";
        world.handle(world.uploadPhoto(before, 1200, 800));
        world.handle(world.uploadPhoto(shared, 1000, 600));
        assertEquals(withVariants(before, 480, 960), onSite(before), "no article shows it yet: served as uploaded");
        world.handle(world.upload("articles/" + world.id + "-live.md", withPhotos("Already live", inSeconds(-60), shared)));

        String slug = world.id + "-results";
        Instant due = inSeconds(4);
        world.handle(world.upload("articles/" + slug + ".md", withPhotos("Results", due, before, after, shared)));
        world.handle(world.uploadPhoto(after, 2000, 1000));

        assertEquals(List.of(), onSite(before), "uploaded before its embargoed article: taken off the site");
        java.util.Set<String> files = ImageVariants.keysOf(before).stream().map(file -> "/" + file).collect(java.util.stream.Collectors.toSet());
        int whileHeld = imageInvalidations(before).size();
        assertTrue(whileHeld >= 1, "the edge drops the copy it may have cached before the embargo held it");
        assertEquals(List.of(), onSite(after), "uploaded after it: never on the site");
        assertEquals(withVariants(shared, 480, 960), onSite(shared), "a live article showed it first: it is out, and stays");

        await().atMost(Duration.ofSeconds(20)).until(() -> world.page(slug).isPresent());
        assertFalse(Instant.now().isBefore(due), "live no earlier than its time");
        assertEquals(withVariants(before, 480, 960), onSite(before), "on the site with the page that shows it");
        assertEquals(withVariants(after, 480, 960, 1600), onSite(after));
        var page = org.jsoup.Jsoup.parse(world.page(slug).orElseThrow());
        assertEquals("1200", page.selectFirst("figure.lead img").attr("width"));
        assertTrue(page.selectFirst(".body img").attr("srcset").contains("/" + ImageVariants.variantKey(after, 1600) + " 1600w"),
                "its size and variants, recorded while it was held back");
        assertEquals(whileHeld + 1, imageInvalidations(before).size(), "and the \"not found\" it may have cached while it was held");
        imageInvalidations(before).forEach(paths -> assertEquals(files, java.util.Set.copyOf(paths), "the image and its variants"));
        assertEquals(List.of(), world.deadLetters);

        // A go-live cut short after storing the article, before its images were on the site: the schedule's retry finishes it.
        ImageVariants.keysOf(after).forEach(file -> world.s3.deleteObject(r -> r.bucket(world.siteBucket).key(file)));
        world.handle(world.due("articles/" + slug + ".md"));
        assertEquals(withVariants(after, 480, 960, 1600), onSite(after));
    }

    /** The paths of each invalidation that names the image uploaded as {@code key}. */
    private List<List<String>> imageInvalidations(String key) {
        return world.cloudFront.invalidations().stream().map(dev.newsroom.testkit.LocalCloudFront.Invalidation::paths)
                .filter(paths -> paths.contains("/" + key)).toList();
    }

    @Test
    void anEmbargoLetsGoOfAnImageItNoLongerShowsOrWhenItsArticleIsDeletedAndADraftHoldsNothing_L9() {
        String kept = "assets/" + world.id + "/kept.jpg";
        String dropped = "assets/" + world.id + "/dropped.jpg";
        String drafted = "assets/" + world.id + "/drafted.jpg";
        List.of(kept, dropped, drafted).forEach(image -> world.handle(world.uploadPhoto(image, 600, 400)));
        String key = "articles/" + world.id + "-killed.md";
        world.handle(world.upload(key, withPhotos("Killed", inSeconds(3600), kept, dropped)));
        assertEquals(List.of(), onSite(dropped));

        world.handle(world.upload(key, withPhotos("Killed", inSeconds(3600), kept)));
        assertEquals(withVariants(dropped, 480), onSite(dropped), "the embargoed article shows it no more");
        assertEquals(List.of(), onSite(kept));

        world.handle(world.upload(key, withPhotos("Killed", inSeconds(3600), kept).replace("category: City", "category: City\nslug: "
                + world.id + "-moved")));
        assertEquals(List.of(), onSite(kept), "its embargoed article moved to another address, and still shows it");
        world.handle(world.upload("articles/" + world.id + "-newcomer.md", withPhotos("Newcomer", inSeconds(-60), dropped)
                .replace("category: City", "category: City\nslug: " + world.id + "-killed")));
        assertTrue(world.page(world.id + "-killed").orElseThrow().contains("Newcomer"), "another file took the address it left");
        assertEquals(List.of(), onSite(kept), "and took none of its holds");

        world.handle(world.delete(key));
        assertEquals(withVariants(kept, 480), onSite(kept), "nothing embargoed shows it now");

        world.handle(world.upload("articles/" + world.id + "-draft-photo.md", withPhotos("Draft", inSeconds(3600), drafted)
                .replace("category: City", "category: City\ndraft: true")));
        assertEquals(withVariants(drafted, 480), onSite(drafted), "only an embargo holds an image back");
        assertEquals(List.of(), world.deadLetters);
    }

    @Test
    void anImageUploadCrossingItsEmbargoedArticleEndsHeldBack_L9() {
        String image = "assets/" + world.id + "/crossing.jpg";
        String variant = ImageVariants.variantKey(image, 480);
        ObjectNode uploaded = world.uploadPhoto(image, 900, 600);
        ObjectNode article = world.upload("articles/" + world.id + "-crossing.md", withPhotos("Crossing", inSeconds(3600), image));
        // The image's event found it held by nothing and is putting it on the site when the article's event holds it back.
        var crossed = world.handlerBefore(request -> request instanceof software.amazon.awssdk.services.s3.model.PutObjectRequest put
                && put.key().equals(variant), () -> world.handle(article));
        world.handle(crossed, uploaded);

        assertEquals(List.of(), onSite(image), "the record's last word holds it back");
        assertTrue(new dev.newsroom.core.store.ImageStore(world.dynamo, world.uploadsTable).held("/" + image));
    }

    @Test
    void theUpgradeMarksTheImagesLiveArticlesShowSoNoEmbargoTakesThemOff_L9() {
        String image = "assets/" + world.id + "/earlier.jpg";
        world.handle(world.uploadPhoto(image, 700, 500));
        String live = world.id + "-earlier-live";
        world.handle(world.upload("articles/" + live + ".md", withPhotos("Earlier", inSeconds(-3600), image)));
        // An earlier version kept no word of which images live articles showed.
        world.dynamo.updateItem(r -> r.tableName(world.uploadsTable).key(Map.of("sourceKey", AttributeValue.fromS("image:/" + image)))
                .updateExpression("REMOVE live"));
        world.handle(world.upload("articles/" + world.id + "-later.md", withPhotos("Later", inSeconds(3600), image)));
        assertEquals(List.of(), onSite(image), "what the upgrade is for: an embargo took off an image a live page shows");

        JsonNode answer = world.answer(LocalJson.mapper().createObjectNode().put(PublishHandler.UPGRADE_FIELD, "images-live")
                .put("bucket", world.sourceBucket));
        assertEquals(0, answer.get("left").asInt(), answer::toString);
        assertEquals(withVariants(image, 480), onSite(image), "put back, and out");
        world.handle(world.upload("articles/" + world.id + "-later.md", withPhotos("Later again", inSeconds(3600), image)));
        assertEquals(withVariants(image, 480), onSite(image), "no embargo holds it again");
    }
}
