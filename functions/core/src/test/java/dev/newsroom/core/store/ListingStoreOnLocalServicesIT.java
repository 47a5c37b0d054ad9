package dev.newsroom.core.store;

import static dev.newsroom.testkit.InjectedFaults.failing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.article.Author;
import dev.newsroom.core.article.Term;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import dev.newsroom.testkit.RequestLog;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** A listing's postings changed many articles at a time, as a batch applies them, on DynamoDB Local's index table. */
@ExtendWith(LocalServicesExtension.class)
class ListingStoreOnLocalServicesIT {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final Provisioned local;
    private final ListingKey key = ListingKey.tag("t-" + UUID.randomUUID().toString().substring(0, 8));

    ListingStoreOnLocalServicesIT(Provisioned local) {
        this.local = local;
    }

    private ListingStore store(ExecutionInterceptor... interceptors) {
        return new ListingStore(local.services().dynamoDb(List.of(interceptors)), local.name("IndexTable"), ZoneOffset.UTC);
    }

    private Entry entry(String slug, int hour, long version) {
        return new Entry(slug, version, slug, START.plusSeconds(3600L * hour), START, Optional.empty(), Optional.empty(),
                new Term("City", "city"), List.of(new Author("Amara", "amara", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false)),
                List.of(new Term(key.slug(), key.slug())), Optional.empty(), 0, false);
    }

    private static ListingStore.Change added(Entry entry) {
        return new ListingStore.Change(Optional.empty(), Optional.of(entry), entry.version());
    }

    private List<ListingStore.Change> added(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> added(entry(prefix + i, i, 1))).toList();
    }

    @Test
    void aListingTakesAHundredArticlesInOneTransactionWithItsState() {
        var log = new RequestLog();

        List<ListingStore.Applied> applied = store(log).apply(key, added("a", 250));

        assertTrue(applied.stream().allMatch(ListingStore.Applied::moved));
        assertEquals(3, Collections.frequency(log.requests(), "TransactWriteItemsRequest"), "99 postings and the state a transaction");
        assertEquals(250, store().state(key).count());
        assertEquals(250, store().newest(key, Integer.MAX_VALUE).size());
        assertEquals(List.of("a249", "a248"), store().newest(key, 2).stream().map(Entry::path).toList());
    }

    @Test
    void aReplayedChangeMovesNothingAndTheOthersStillApply_A6() {
        List<ListingStore.Change> first = added("r", 5);
        store().apply(key, first);
        long revision = store().state(key).revision();
        List<ListingStore.Change> replay = new ArrayList<>(first);
        replay.add(2, added(entry("new", 40, 1)));

        List<ListingStore.Applied> applied = store().apply(key, replay);

        assertEquals(List.of(false, false, true, false, false, false), applied.stream().map(ListingStore.Applied::moved).toList());
        assertEquals(6, store().state(key).count(), "the replayed five are counted once");
        assertEquals(revision + 1, store().state(key).revision());
        assertEquals(List.of(), store().apply(key, replay).stream().filter(ListingStore.Applied::moved).toList(),
                "a second replay moves nothing");
        assertEquals(6, store().state(key).count());
    }

    @Test
    void movesWithdrawalsAndEditsOfManyArticlesKeepTheCountAndOrder() {
        store().apply(key, added("m", 4));
        Entry moved = entry("m0", 10, 2);
        Entry retitled = new Entry("m1", 2, "M1, retitled", entry("m1", 1, 2).published(), START, Optional.empty(), Optional.empty(),
                moved.category(), moved.authors(), moved.tags(), Optional.empty(), 3, true);

        List<ListingStore.Applied> applied = store().apply(key, List.of(
                new ListingStore.Change(Optional.of(entry("m0", 0, 1)), Optional.of(moved), 2),
                new ListingStore.Change(Optional.of(entry("m1", 1, 1)), Optional.of(retitled), 2),
                new ListingStore.Change(Optional.of(entry("m2", 2, 1)), Optional.empty(), 2)));

        assertTrue(applied.stream().allMatch(ListingStore.Applied::moved));
        assertEquals(3, store().state(key).count());
        assertEquals(List.of("m0", "m3", "m1"), store().newest(key, 10).stream().map(Entry::path).toList());
        assertEquals("M1, retitled", store().newest(key, 10).get(2).title());
    }

    @Test
    void aTransactionThatFailsIsAppliedOneArticleAtATimeSoTheFailureIsItsOwn_A6() {
        var failForF3 = failing(r -> r instanceof TransactWriteItemsRequest t && t.transactItems().stream()
                .anyMatch(w -> w.put() != null && "f3".equals(w.put().item().get("path").s())));

        List<ListingStore.Applied> applied = store(failForF3).apply(key, added("f", 6));

        assertEquals(List.of(true, true, true, false, true, true), applied.stream().map(ListingStore.Applied::moved).toList());
        assertTrue(applied.get(3).failure().orElseThrow().getMessage().contains("injected"));
        assertEquals(5, store().state(key).count());
        assertEquals(List.of(true), store().apply(key, added("f", 6)).stream().filter(ListingStore.Applied::moved)
                .map(ListingStore.Applied::moved).toList(), "delivered again, only the failed one moves");
        assertEquals(6, store().state(key).count());
    }
}
