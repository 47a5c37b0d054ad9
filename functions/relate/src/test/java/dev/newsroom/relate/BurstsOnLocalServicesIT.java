package dev.newsroom.relate;

import static dev.newsroom.relate.BatchesOnLocalServicesIT.NO_BURSTS;
import static dev.newsroom.relate.BatchesOnLocalServicesIT.tenArticles;
import static dev.newsroom.testkit.InjectedFaults.failing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.store.UnsettledStore;
import dev.newsroom.relate.BatchesOnLocalServicesIT.Puts;
import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import dev.newsroom.testkit.LogCapture;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A burst settled (docs/related.md, "Settling a burst"): a batch of ten records or more applies its
 * postings and leaves its pages to the batch after the burst, which the marker's stream record
 * guarantees; that batch writes each page once for the whole burst, and the site ends as it would
 * have had every batch rendered at once. Failures name the earliest record they leave undone (A6),
 * and nothing waiting is lost.
 */
@ExtendWith(LocalServicesExtension.class)
class BurstsOnLocalServicesIT {

    private final Provisioned local;

    BurstsOnLocalServicesIT(Provisioned local) {
        this.local = local;
    }

    @Test
    void aBurstsPagesWaitForTheBatchAfterItWhichWritesEachOnce() {
        RelateWorld world = tenArticles(new RelateWorld(local));
        var puts = new Puts();
        var handler = world.handler(List.of(), List.of(puts));

        JsonNode burst = lastLine(() -> assertEquals(List.of(), world.relate(handler)));

        assertEquals(0, puts.pages(), "the burst's pages wait: " + puts);
        assertEquals("batch of 10 records: 0 pages written, 10 changes left for after the burst", burst.get("message").asText());
        assertEquals(names(1, 10), world.waiting());
        assertEquals(10, world.listingStore.newest(ListingKey.category(world.slug("city")), 20).size(), "its postings are applied");
        List<Record> after = world.afterBurst();
        assertTrue(after.stream().anyMatch(r -> UnsettledStore.isMarker(r.dynamodb().keys())), "the marker's record comes after the burst");

        JsonNode settling = lastLine(() -> assertEquals(List.of(), world.relate(handler, after)));

        assertEquals(10, settling.get("settled").asInt());
        assertEquals(puts.pages(), settling.get("pages").asInt());
        assertEquals(1, puts.of(SiteLayout.objectKey(ListingKey.category(world.slug("city")).path())), puts::toString);
        assertEquals(1, puts.of(SiteLayout.objectKey(ListingKey.author(world.slug("amara")).path())));
        // Shared by every world: unchanged, and so not written, once other worlds' articles fill it.
        assertTrue(puts.of(SiteLayout.objectKey(ListingKey.HOME.path())) <= 1);
        for (int i = 1; i <= 10; i++) {
            assertEquals(1, puts.of(SiteLayout.articleKey(world.path("n" + i))), "n" + i);
        }
        assertEquals(Set.of(), world.waiting());
        RelateWorld.assertSameSite(tenArticles(new RelateWorld(local, NO_BURSTS)).settledByOneBatch(), world.settled());
    }

    /** Edits after a burst are merged with what waits: the pages they left go, from before the burst's first change. */
    @Test
    void changesInTheBatchAfterABurstAreRenderedWithWhatWaits() {
        RelateWorld world = tenArticles(new RelateWorld(local));
        assertEquals(List.of(), world.relate());
        assertEquals(names(1, 10), world.waiting());

        editsAfterTheBurst(world);
        assertEquals(List.of(), world.relate());

        assertEquals(Set.of(), world.waiting(), "a batch below the burst size settles what waits");
        RelateWorld expected = tenArticles(new RelateWorld(local, NO_BURSTS));
        expected.settledByOneBatch();
        editsAfterTheBurst(expected);
        Map<String, String> site = new TreeMap<>(expected.settledByOneBatch());
        // Rendered there before its deletion; the publish function removes a deleted article's page, not relate.
        site.remove(SiteLayout.articleKey(expected.path("n5")).replace(expected.id, "W"));
        RelateWorld.assertSameSite(site, world.settled());
        assertFalse(world.page(ListingKey.category(world.slug("city")).path()).orElseThrow().contains("n5 story"), "n5 is gone");
        assertTrue(world.page(ListingKey.tag(world.slug("golf")).path()).orElseThrow().contains("n3 story"), "n3 is retagged");
    }

    private static void editsAfterTheBurst(RelateWorld world) {
        world.publish("n3", 3, "city", "amara", "tram", "golf");
        world.publish("n7", 30, "city", "amara", "tram");
        world.delete("n5");
    }

    @Test
    void aStreamThatNeverQuietsSettlesOnceWhatWaitsHasWaitedItsMost_G8() {
        RelateWorld world = tenArticles(new RelateWorld(local));
        assertEquals(List.of(), world.relate());
        for (int i = 11; i <= 20; i++) {
            world.publish("n" + i, i, "city", "amara", "tram");
        }
        var later = world.handler(RelateWorld.NOW.plus(world.config.burst().maxWait()).plusSeconds(1), List.of(), List.of());

        JsonNode batch = lastLine(() -> assertEquals(List.of(), world.relate(later)));

        assertEquals(0, batch.get("deferred").asInt(), "a burst of ten more, but the first ten have waited their most");
        assertEquals(10, batch.get("settled").asInt());
        assertEquals(Set.of(), world.waiting());
        assertTrue(world.page(ListingKey.category(world.slug("city")).path()).orElseThrow().contains("n20 story"));
        world.relateUntilSettled();
    }

    @Test
    void aChangeThatFailsToWaitNamesItsRecordAndTheRecordsBeforeItWait_A6_A12() {
        RelateWorld world = tenArticles(new RelateWorld(local));
        String n4 = world.path("n4");
        var failN4sWait = failing(r -> r instanceof TransactWriteItemsRequest t && t.transactItems().stream()
                .anyMatch(w -> w.update() != null && n4.equals(w.update().key().get("sk").s())));

        List<String> failed = world.relate(world.handler(failN4sWait));

        assertEquals(List.of(world.lastBatch().get(3).dynamodb().sequenceNumber()), failed);
        assertTrue(world.waiting().containsAll(names(1, 3)), "n1 to n3 wait: " + world.waiting());
        BatchesOnLocalServicesIT.replayFrom(3, world);
        world.relateUntilSettled();
        assertEquals(Set.of(), world.waiting());
        RelateWorld.assertSameSite(tenArticles(new RelateWorld(local, NO_BURSTS)).settledByOneBatch(), world.settled());
    }

    /** Without the marker's record no batch might come to settle the burst, so the last record is delivered again instead. */
    @Test
    void aMarkerThatFailsToBeBumpedNamesTheBatchsLastRecord_A13() {
        RelateWorld world = tenArticles(new RelateWorld(local));
        String articles = local.name("ArticlesTable");
        var failTheBump = failing(r -> r instanceof UpdateItemRequest u && u.tableName().equals(articles));

        List<String> failed = world.relate(world.handler(failTheBump));

        assertEquals(List.of(world.lastBatch().get(9).dynamodb().sequenceNumber()), failed);
        assertEquals(names(1, 10), world.waiting());
        BatchesOnLocalServicesIT.replayFrom(9, world);
        assertEquals(Set.of(), world.waiting(), "the last record, delivered again alone, settles the burst");
        RelateWorld.assertSameSite(tenArticles(new RelateWorld(local, NO_BURSTS)).settledByOneBatch(), world.settled());
    }

    @Test
    void aSettlingThatFailsKeepsWhatWaitsAndNamesTheBatchsFirstRecord_A14() {
        RelateWorld world = tenArticles(new RelateWorld(local));
        assertEquals(List.of(), world.relate());
        String late = SiteLayout.objectKey(ListingKey.tag(world.slug("late")).path());
        var failTheLateTagsPage = failing(r -> r instanceof PutObjectRequest put && put.key().equals(late));
        List<Record> after = world.afterBurst();

        List<String> failed = world.relate(world.handler(List.of(), List.of(failTheLateTagsPage)), after);

        assertEquals(List.of(after.get(0).dynamodb().sequenceNumber()), failed, "what waits is charged to the batch's first record");
        assertEquals(names(1, 10), world.waiting(), "nothing waiting is forgotten until its pages are written");
        assertEquals(List.of(), world.relate(world.handler(), after));
        assertEquals(Set.of(), world.waiting());
        RelateWorld.assertSameSite(tenArticles(new RelateWorld(local, NO_BURSTS)).settledByOneBatch(), world.settled());
    }

    private static Set<String> names(int first, int last) {
        return IntStream.rangeClosed(first, last).mapToObj(i -> "n" + i).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    /** The relate function's line for the batch that {@code run} hands it. */
    private static JsonNode lastLine(Runnable run) {
        List<JsonNode> lines = LogCapture.of(run).lines().stream()
                .filter(line -> line.path("message").asText().startsWith("batch of")).toList();
        return lines.get(lines.size() - 1);
    }
}
