package dev.newsroom.relate;

import static dev.newsroom.testkit.InjectedFaults.failing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import dev.newsroom.testkit.LogCapture;
import dev.newsroom.testkit.RequestLog;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A batch coalesced: each page and list written once however many records touch it, and a failure
 * at any point named by the earliest record it leaves undone, with a replay from there ending where
 * a batch that never failed ends (A6).
 */
@ExtendWith(LocalServicesExtension.class)
class BatchesOnLocalServicesIT {

    /**
     * Batches of ten and twelve records render at once here, below the burst size these worlds set;
     * the worlds they are compared with take the template's, so their batches are bursts, settled by
     * the batch after ({@link BurstsOnLocalServicesIT}), and must end the same.
     */
    static final Map<String, String> NO_BURSTS = Map.of("BURST_RECORDS", "1000");

    private final Provisioned local;

    BatchesOnLocalServicesIT(Provisioned local) {
        this.local = local;
    }

    /**
     * Ten articles of one category and tag, the newest first; the fourth to the sixth also share a
     * tag of their own. Worlds share the site's article count, which tag rarity depends on, so the
     * rarer tag stays under the share that would make it count for nothing in any world.
     */
    static RelateWorld tenArticles(RelateWorld world) {
        for (int i = 1; i <= 10; i++) {
            world.publish("n" + i, i, "city", "amara", i >= 4 && i <= 6 ? new String[] {"tram", "late"} : new String[] {"tram"});
        }
        return world;
    }

    @Test
    void aPageThatTenRecordsTouchIsWrittenOnce() {
        RelateWorld world = tenArticles(new RelateWorld(local, NO_BURSTS));
        var puts = new Puts();

        List<JsonNode> lines = LogCapture.of(() -> assertEquals(List.of(), world.relate(world.handler(List.of(), List.of(puts))))).lines();

        assertEquals(1, puts.of(SiteLayout.objectKey(ListingKey.category(world.slug("city")).path())), puts::toString);
        assertEquals(1, puts.of(SiteLayout.objectKey(ListingKey.tag(world.slug("tram")).path())));
        assertEquals(1, puts.of(SiteLayout.objectKey(ListingKey.author(world.slug("amara")).path())));
        // Shared by every world: unchanged, and so not written, once other worlds' articles fill it.
        assertTrue(puts.of(SiteLayout.objectKey(ListingKey.HOME.path())) <= 1);
        for (int i = 1; i <= 10; i++) {
            assertEquals(1, puts.of(SiteLayout.articleKey(world.path("n" + i))), "n" + i);
        }
        JsonNode batch = lines.get(lines.size() - 1);
        assertEquals("batch of 10 records: " + puts.pages() + " pages written", batch.get("message").asText());
        assertEquals(10, batch.get("records").asInt());
        assertEquals(puts.pages(), batch.get("pages").asInt(), "the line counts the pages written, each once");
        assertEquals(0, batch.get("retried").asInt());
    }

    @Test
    void aBatchReadsEachListingItChangedOnceAndWhole() {
        RelateWorld world = tenArticles(new RelateWorld(local, NO_BURSTS));
        Map<String, Integer> queriesOf = new ConcurrentHashMap<>();
        ExecutionInterceptor queries = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                // The index's listings; an article page's read of its approved comments is another table's.
                if (context.request() instanceof QueryRequest query && query.expressionAttributeValues().containsKey(":pk")) {
                    queriesOf.merge(query.expressionAttributeValues().get(":pk").s(), 1, Integer::sum);
                }
            }
        };

        assertEquals(List.of(), world.relate(world.handler(queries)));

        // Ten arrivals in listings of ten: their own windows and their neighbours' would be sixty queries in each.
        for (ListingKey key : List.of(ListingKey.category(world.slug("city")), ListingKey.author(world.slug("amara")),
                ListingKey.tag(world.slug("tram")), ListingKey.tag(world.slug("late")))) {
            assertEquals(1, queriesOf.getOrDefault(key.id(), 0), key + ": " + queriesOf);
        }
        assertTrue(world.related("n1").size() > 0, "and ranked from what it read");
    }

    @Test
    void aBatchsListsRecordTheirLinksAndReadTheirArticlesTogether() {
        RelateWorld world = tenArticles(new RelateWorld(local, NO_BURSTS));
        var log = new RequestLog();

        assertEquals(List.of(), world.relate(world.handler(log)));

        // Ten lists of four or so: one save, one link write and one article read each, were they stored one by one. The one
        // GetItem is the site configuration's, whose menus the batch's pages show, read as it starts.
        assertEquals(1, Collections.frequency(log.requests(), "GetItemRequest"), log::toString);
        assertEquals(0, Collections.frequency(log.requests(), "PutItemRequest"), log::toString);
        assertEquals(0, Collections.frequency(log.requests(), "BatchWriteItemRequest"), log::toString);
        // The postings of five listings (the site's, the category's, the author's and two tags'), the lists, their links.
        assertTrue(Collections.frequency(log.requests(), "TransactWriteItemsRequest") <= 7, log::toString);
        for (int i = 1; i <= 10; i++) {
            assertEquals(world.related("n" + i).size(), Jsoup.parse(world.articlePage("n" + i).orElseThrow()).select(".more h3 a").size());
        }
    }

    @Test
    void linksThatFailToBeRecordedNameTheFirstRecordAndNoPageShowsTheirLists_A6() {
        RelateWorld world = tenArticles(new RelateWorld(local, NO_BURSTS));
        var failLinks = failing(r -> r instanceof TransactWriteItemsRequest t && t.transactItems().stream()
                .anyMatch(w -> w.put() != null && w.put().item().get("pk").s().startsWith("listedby#")));

        List<String> failed = world.relate(world.handler(failLinks));

        assertEquals(List.of(world.lastBatch().get(0).dynamodb().sequenceNumber()), failed);
        assertEquals(0, world.articlePage("n1").map(page -> Jsoup.parse(page).select(".more h3 a").size()).orElse(0),
                "the page waits for its list's links");
        replayFrom(0, world);
        RelateWorld.assertSameSite(tenArticles(new RelateWorld(local)).settledByOneBatch(), world.settled());
    }

    @Test
    void pagesWhoseBytesWouldNotChangeAreNotWrittenAgain() {
        RelateWorld world = new RelateWorld(local, NO_BURSTS);
        int pastTheIndexPage = world.config.listingSize() + 2;
        for (int i = 1; i <= pastTheIndexPage; i++) {
            world.publish("a" + i, i, "city", "amara", "tram");
        }
        world.relate();
        world.publish("a" + pastTheIndexPage, pastTheIndexPage, "city", "amara", "tram", "archive");
        var puts = new Puts();

        assertEquals(List.of(), world.relate(world.handler(List.of(), List.of(puts))));

        assertEquals(0, puts.of(SiteLayout.objectKey(ListingKey.category(world.slug("city")).path())),
                "an old article's new tag leaves its category's index page as it was: " + puts);
        assertEquals(1, puts.of(SiteLayout.objectKey(ListingKey.tag(world.slug("archive")).path())));
    }

    @Test
    void anIndexWriteThatFailsNamesItsRecordAndTheRecordsBeforeItAreDone_A6() {
        RelateWorld world = tenArticles(new RelateWorld(local, NO_BURSTS));
        String poisoned = world.path("n4");
        var failForN4 = failing(r -> r instanceof TransactWriteItemsRequest t && t.transactItems().stream()
                .anyMatch(w -> w.put() != null && w.put().item().containsKey("path") && poisoned.equals(w.put().item().get("path").s())));

        List<String> failed = world.relate(world.handler(failForN4));

        assertEquals(List.of(world.lastBatch().get(3).dynamodb().sequenceNumber()), failed);
        assertDone(world, "n1", "n2", "n3");
        replayFrom(3, world);
        RelateWorld.assertSameSite(tenArticles(new RelateWorld(local)).settledByOneBatch(), world.settled());
    }

    @Test
    void aPageThatFailsToWriteNamesTheEarliestRecordThatChangedIt_A6() {
        RelateWorld world = tenArticles(new RelateWorld(local, NO_BURSTS));
        String late = SiteLayout.objectKey(ListingKey.tag(world.slug("late")).path());
        var failTheLateTagsPage = failing(r -> r instanceof PutObjectRequest put && put.key().equals(late));

        List<String> failed = world.relate(world.handler(List.of(), List.of(failTheLateTagsPage)));

        assertEquals(List.of(world.lastBatch().get(3).dynamodb().sequenceNumber()), failed,
                "n4 is the first record that changed the page");
        assertDone(world, "n1", "n2", "n3");
        replayFrom(3, world);
        RelateWorld.assertSameSite(tenArticles(new RelateWorld(local)).settledByOneBatch(), world.settled());
    }

    @Test
    void aListThatFailsToSaveNamesTheEarliestRecordThatReachedIt_A6() {
        RelateWorld world = new RelateWorld(local, NO_BURSTS);
        tenArticlesThenGolf(world);
        String list = "related#" + world.path("golf1");
        var failGolf1sList = failing(r -> r instanceof TransactWriteItemsRequest t && t.transactItems().stream()
                .anyMatch(w -> w.put() != null && list.equals(w.put().item().get("pk").s())));

        List<String> failed = world.relate(world.handler(failGolf1sList));

        assertEquals(List.of(world.lastBatch().get(10).dynamodb().sequenceNumber()), failed,
                "golf1 is the first record whose change reaches its own list");
        assertDone(world, "n1", "n5", "n10");
        replayFrom(10, world);
        RelateWorld.assertSameSite(tenArticlesThenGolf(new RelateWorld(local)).settledByOneBatch(), world.settled());
    }

    private static RelateWorld tenArticlesThenGolf(RelateWorld world) {
        tenArticles(world);
        world.publish("golf1", 3, "sport", "jonas", "golf");
        world.publish("golf2", 2, "sport", "jonas", "golf");
        return world;
    }

    /** The article's list is stored and its page shows it, and its category's page lists it. */
    private static void assertDone(RelateWorld world, String... names) {
        String category = world.page(ListingKey.category(world.slug("city")).path()).orElseThrow();
        for (String name : names) {
            assertTrue(world.related(name).size() > 0, name + " has its list");
            assertEquals(world.related(name).size(), Jsoup.parse(world.articlePage(name).orElseThrow()).select(".more h3 a").size(),
                    name + "'s page shows its list");
            assertTrue(category.contains(name + " story"), name + " is listed");
        }
    }

    /** Delivers the last batch again from {@code record}, as Lambda does after a partial failure; twice, to show replays change nothing. */
    static void replayFrom(int record, RelateWorld world) {
        List<software.amazon.awssdk.services.dynamodb.model.Record> rest = world.lastBatch().subList(record, world.lastBatch().size());
        assertEquals(List.of(), world.relate(world.handler(), rest));
        Map<String, String> once = world.settled();
        assertEquals(List.of(), world.relate(world.handler(), rest));
        assertEquals(once, world.settled(), "a second replay changes nothing");
    }

    /** Counts the pages the function puts in the site bucket, by key; its own script asset aside. */
    static final class Puts implements ExecutionInterceptor {

        private final Map<String, Integer> byKey = new ConcurrentHashMap<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutObjectRequest put && !put.key().startsWith("assets/")) {
                byKey.merge(put.key(), 1, Integer::sum);
            }
        }

        int of(String key) {
            return byKey.getOrDefault(key, 0);
        }

        int pages() {
            return byKey.values().stream().mapToInt(Integer::intValue).sum();
        }

        @Override
        public String toString() {
            return byKey.toString();
        }
    }
}
