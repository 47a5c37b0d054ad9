package dev.newsroom.relate;

import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.store.ListingStore;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Applies a batch of the articles table's changes to everything derived from them, coalesced:
 * <ol>
 *   <li>each article's records merged into one change, and the changes applied to the postings,
 *       a listing's together in a few conditional transactions with its state, so a replay
 *       changes nothing;</li>
 *   <li>then, from the index as the whole batch left it, each affected related list stored once and
 *       each affected page rendered once, however many records touched it.</li>
 * </ol>
 * A change readers would not see in any listing or list (a body edit, a draft saved, a replayed
 * record) re-renders nothing. Work that fails names the earliest record it carried, and the batch is
 * delivered again from there; every step is safe to repeat (docs/related.md).
 */
public final class Relater {

    private final ListingStore listingStore;
    private final RelatedLists lists;
    private final ListingPages listings;
    private final ZoneId zone;
    private final Parallel parallel;

    Relater(ListingStore listingStore, RelatedLists lists, ListingPages listings, ZoneId zone, Parallel parallel) {
        this.listingStore = listingStore;
        this.lists = lists;
        this.listings = listings;
        this.zone = zone;
        this.parallel = parallel;
    }

    public static Relater create(RelateConfig config, S3Client s3, DynamoDbClient dynamo, Clock clock) {
        Wiring wiring = Wiring.of(config, s3, dynamo);
        return new Relater(wiring.listingStore(), wiring.lists(), new ListingPages(wiring.listingStore(), wiring.renderer(),
                PageSink.writing(wiring.site()), config.site().zone(), config.listingSize(), clock, wiring.parallel()), config.site().zone(), wiring.parallel());
    }

    /**
     * What a batch did: postings moved, lists changed, pages written and pages removed; and, if some work failed,
     * the record to deliver the batch again from.
     */
    public record Result(int postings, int lists, int pages, int removed, Optional<RetryFrom> retry) {
    }

    /**
     * Warms a batch's path, writing nothing (SnapStart): reads a related list, its article and its
     * page, and the site's postings, and renders the site's pages as a change of its newest article would.
     */
    public void prime() {
        lists.prime();
        listings.prime();
    }

    public Result apply(List<ArticleChange> batch) {
        Map<String, List<Integer>> recordsOf = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).shows()) {
                recordsOf.computeIfAbsent(batch.get(i).slug(), slug -> new ArrayList<>()).add(i);
            }
        }
        List<BatchChange> all = recordsOf.values().stream().flatMap(records -> merged(batch, records, batch.size()).stream()).toList();
        Postings postings = postings(all);
        Optional<RetryFrom> indexFailure = postings.failure();
        int applied = indexFailure.map(RetryFrom::record).orElse(batch.size());
        // After a failure, only what came before it is rendered: the rest is delivered again.
        List<BatchChange> changes = indexFailure.isEmpty() ? all
                : recordsOf.values().stream().flatMap(records -> merged(batch, records, applied).stream()).toList();
        BatchPostings view;
        try {
            view = BatchPostings.read(listingStore, BatchPostings.changedListings(changes), zone, parallel);
        } catch (RuntimeException e) {
            Optional<RetryFrom> failure = changes.stream().mapToInt(BatchChange::first).min().stream()
                    .mapToObj(record -> RetryFrom.of(record, e)).findFirst();
            return new Result(postings.moved(), 0, 0, 0, RetryFrom.earliest(indexFailure, failure));
        }
        List<Supplier<Outcome>> work = List.of(() -> lists.over(view).update(changes), () -> listings.over(view).update(changes));
        List<Outcome> outcomes = parallel.map(work, Supplier::get);
        return new Result(postings.moved(), outcomes.get(0).changed(),
                outcomes.get(0).pages() + outcomes.get(1).pages(), outcomes.get(1).removed(),
                RetryFrom.earliest(indexFailure, outcomes.get(0).retry(), outcomes.get(1).retry()));
    }

    /** What the lists or the listing pages did with a batch: lists changed, pages written and pages removed. */
    record Outcome(int changed, int pages, int removed, Optional<RetryFrom> retry) {
    }

    /** How many postings a batch moved, and the earliest record whose postings failed. */
    private record Postings(int moved, Optional<RetryFrom> failure) {
    }

    /**
     * Applies each article's change to its listings, all of a listing's at once and the listings at
     * once. An article whose change fails in any listing fails from its first record.
     */
    private Postings postings(List<BatchChange> changes) {
        Map<ListingKey, List<BatchChange>> byListing = new LinkedHashMap<>();
        for (BatchChange change : changes) {
            for (ListingKey key : change.change().listings()) {
                byListing.computeIfAbsent(key, k -> new ArrayList<>()).add(change);
            }
        }
        List<Postings> done = parallel.map(byListing.entrySet(), listing -> {
            ListingKey key = listing.getKey();
            List<BatchChange> inIt = listing.getValue();
            List<ListingStore.Applied> applied = listingStore.apply(key, inIt.stream().map(c -> change(key, c.change())).toList());
            List<Optional<RetryFrom>> failures = new ArrayList<>();
            for (int i = 0; i < inIt.size(); i++) {
                int first = inIt.get(i).first();
                failures.add(applied.get(i).failure().map(e -> RetryFrom.of(first, e)));
            }
            return new Postings((int) applied.stream().filter(ListingStore.Applied::moved).count(), RetryFrom.earliest(failures));
        });
        return new Postings(done.stream().mapToInt(Postings::moved).sum(), RetryFrom.earliest(done.stream().map(Postings::failure).toList()));
    }

    /** An article's change as one listing sees it. */
    private static ListingStore.Change change(ListingKey key, ArticleChange change) {
        return new ListingStore.Change(change.before().flatMap(Entry::of).filter(e -> e.listings().contains(key)),
                change.after().flatMap(Entry::of).filter(e -> e.listings().contains(key)), change.version());
    }

    /** An article's records before {@code applied}, as one change; none if its first is not among them. */
    private static Optional<BatchChange> merged(List<ArticleChange> batch, List<Integer> records, int applied) {
        List<Integer> done = records.stream().filter(r -> r < applied).toList();
        if (done.isEmpty()) {
            return Optional.empty();
        }
        ArticleChange change = batch.get(done.get(0));
        for (int record : done.subList(1, done.size())) {
            change = change.then(batch.get(record));
        }
        return Optional.of(new BatchChange(done.get(0), change));
    }
}
