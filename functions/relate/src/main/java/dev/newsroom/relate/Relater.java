package dev.newsroom.relate;

import dev.newsroom.core.aws.EdgeInvalidations;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.store.ListingStore;
import dev.newsroom.core.store.PendingInvalidations;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.store.UnsettledStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Applies a batch of the articles table's changes to everything derived from them, coalesced:
 * <ol>
 *   <li>each article's records merged into one change, and the changes applied to the postings,
 *       a listing's together in a few conditional transactions with its state, so a replay
 *       changes nothing;</li>
 *   <li>then, from the index as the whole batch left it, each affected related list stored once and
 *       each affected page rendered once, however many records touched it, together with the
 *       changes earlier batches left waiting; and the pages of the language versions of each
 *       article whose version appeared, left or moved ({@link TranslationPages}).</li>
 * </ol>
 * In a burst, a batch of many records, step 2 waits ({@link UnsettledStore}): the batch records its
 * changes and leaves them for the first batch after the burst, which renders each page once for
 * the whole burst, where every batch of it would otherwise render most of the site again.
 * A change readers would not see in any listing or list (a body edit, a draft saved, a replayed
 * record) re-renders nothing. Work that fails names the earliest record it carried, and the batch is
 * delivered again from there; every step is safe to repeat (docs/related.md).
 */
public final class Relater {

    private static final Logger LOG = LoggerFactory.getLogger(Relater.class);

    private final ListingStore listingStore;
    private final RelatedLists lists;
    private final ListingPages listings;
    private final TranslationPages translations;
    private final UnsettledStore unsettled;
    private final ChangedPages changed;
    private final EdgeInvalidations edge;
    private final PendingInvalidations pending;
    private final MenusInForce menus;
    private final LiveRebuild everyPageAgain;
    private final RelateConfig.BurstLimits burst;
    private final ZoneId zone;
    private final Clock clock;
    private final Parallel parallel;

    Relater(ListingStore listingStore, RelatedLists lists, ListingPages listings, TranslationPages translations, UnsettledStore unsettled,
            ChangedPages changed, EdgeInvalidations edge, PendingInvalidations pending, MenusInForce menus, LiveRebuild everyPageAgain,
            RelateConfig.BurstLimits burst, ZoneId zone, Clock clock, Parallel parallel) {
        this.listingStore = listingStore;
        this.lists = lists;
        this.listings = listings;
        this.translations = translations;
        this.unsettled = unsettled;
        this.changed = changed;
        this.edge = edge;
        this.pending = pending;
        this.menus = menus;
        this.everyPageAgain = everyPageAgain;
        this.burst = burst;
        this.zone = zone;
        this.clock = clock;
        this.parallel = parallel;
    }

    public static Relater create(RelateConfig config, S3Client s3, DynamoDbClient dynamo, EdgeInvalidations edge, Clock clock) {
        Wiring wiring = Wiring.of(config, s3, dynamo);
        return new Relater(wiring.listingStore(), wiring.lists(), new ListingPages(wiring.listingStore(), wiring.renderer(),
                PageSink.writing(wiring.site()), config.site().zone(), config.listingSize(), clock, wiring.parallel()),
                new TranslationPages(wiring.articles(), wiring.listStore(), wiring.pages(), wiring.parallel()),
                new UnsettledStore(dynamo, config.indexTable(), config.articlesTable()), wiring.changed(), edge,
                new PendingInvalidations(dynamo, config.indexTable()), wiring.menus(), LiveRebuild.of(wiring, clock), config.burst(),
                config.site().zone(), clock,
                wiring.parallel());
    }

    /**
     * What a batch did: postings moved, lists changed, pages written and pages removed, changes it
     * deferred and earlier deferred changes it settled; and, if some work failed, the record to
     * deliver the batch again from.
     */
    public record Result(int postings, int lists, int pages, int removed, int deferred, int settled, Optional<RetryFrom> retry) {

        /** This result, with {@code more} pages written. */
        Result withPages(int more) {
            return new Result(postings, lists, pages + more, removed, deferred, settled, retry);
        }

        /** This result, delivered again from {@code record} at the latest. */
        Result retryingFrom(RetryFrom record) {
            return new Result(postings, lists, pages, removed, deferred, settled, RetryFrom.earliest(retry, Optional.of(record)));
        }
    }

    /**
     * Warms a batch's path, writing nothing (SnapStart): reads a related list, its article and its
     * page, and the site's postings, and renders the site's pages as a change of its newest article would.
     */
    public void prime() {
        lists.prime();
        listings.prime();
    }

    /**
     * Applies a batch. One that takes an article down is settled at once, burst or not, and every
     * page it wrote or removed is invalidated at the edge; if that fails, the batch is delivered again
     * from the takedown's record, and the pages kept pending are invalidated then.
     * A marker of a new configuration renders every page again, stopping at {@code until} and going on
     * in the next delivery of the batch.
     */
    public Result apply(List<ArticleChange> batch, Instant until) {
        menus.refresh();
        OptionalInt takedown = IntStream.range(0, batch.size()).filter(i -> batch.get(i).takesDown()).findFirst();
        Result result = takedown.isEmpty() ? applied(batch) : appliedAndInvalidated(batch, takedown.getAsInt());
        OptionalInt everyPage = IntStream.range(0, batch.size()).filter(i -> batch.get(i).rendersEveryPage()).findFirst();
        if (everyPage.isEmpty()) {
            return result;
        }
        // A new configuration changed what every page shows: every page again, after the batch's own changes. A large site
        // takes more than one invocation: the batch is delivered again from the marker, and the sweep goes on where it stopped.
        try {
            LiveRebuild.Sweep swept = everyPageAgain.rewritePages(until);
            return swept.finished() ? result.withPages(swept.pages()) : result.withPages(swept.pages()).retryingFrom(
                    RetryFrom.continuing(everyPage.getAsInt(), "every page again under the new configuration goes on in the next invocation"));
        } catch (RuntimeException e) {
            return result.retryingFrom(RetryFrom.of(everyPage.getAsInt(), e));
        }
    }

    /** Applies a batch that takes an article down, and invalidates every page it changed. */
    private Result appliedAndInvalidated(List<ArticleChange> batch, int takedown) {
        ChangedPages.Recording recording = changed.start();
        Result result;
        Set<String> keys;
        try {
            result = applied(batch);
        } finally {
            keys = recording.stop();
        }
        String occasion = "takedown " + batch.stream().filter(ArticleChange::takesDown).map(c -> c.path() + " version " + c.version())
                .collect(Collectors.joining(", "));
        Set<String> paths = keys.stream().flatMap(key -> SiteLayout.cachedPaths(key).stream()).collect(Collectors.toSet());
        try {
            invalidate(paths, occasion);
            return result;
        } catch (RuntimeException e) {
            return result.retryingFrom(RetryFrom.of(takedown, e));
        }
    }

    /**
     * Invalidates the paths with any an earlier attempt left pending. They are kept first, so that
     * if CloudFront fails the batch delivered again, whose replay writes no page, still has them.
     * Keeping or forgetting them may fail without failing the batch: a path not kept is invalidated
     * now or, if CloudFront fails too, reaches readers with the pages' minute of cache lifetime;
     * a path not forgotten is invalidated once more.
     */
    private void invalidate(Set<String> paths, String occasion) {
        Set<String> all = new java.util.TreeSet<>(paths);
        try {
            pending.add(paths);
            all.addAll(pending.pending());
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("reason", e.toString()).log("a takedown's paths could not be kept until invalidated");
        }
        edge.invalidate(all, occasion);
        try {
            pending.done(all);
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("reason", e.toString()).log("invalidated paths could not be forgotten; they are invalidated again later");
        }
    }

    private Result applied(List<ArticleChange> batch) {
        Map<String, List<Integer>> recordsOf = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).shows()) {
                recordsOf.computeIfAbsent(batch.get(i).path(), path -> new ArrayList<>()).add(i);
            }
        }
        List<BatchChange> all = merged(batch, recordsOf, batch.size());
        Postings postings = postings(all);
        Optional<RetryFrom> indexFailure = postings.failure();
        int applied = indexFailure.map(RetryFrom::record).orElse(batch.size());
        // After a failure, only what came before it is rendered or deferred: the rest is delivered again.
        List<BatchChange> changes = indexFailure.isEmpty() ? all : merged(batch, recordsOf, applied);
        return inBurst(batch) ? defer(batch.size(), changes, postings) : settle(changes, postings);
    }

    /** Whether the batch is part of a burst whose pages wait for it to end: big, and what waits has not waited too long. */
    private boolean inBurst(List<ArticleChange> batch) {
        if (batch.stream().anyMatch(ArticleChange::takesDown) || batch.stream().filter(ArticleChange::carriesArticle).count() < burst.records()) {
            return false;
        }
        try {
            return unsettled.burst().since().map(since -> since.plus(burst.maxWait()).isAfter(clock.instant())).orElse(true);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Records the changes as waiting, their postings applied, and bumps the marker so that a later
     * batch settles them. A failure names the earliest record it carried; if only the bump fails,
     * the batch's last record is delivered again, and its batch settles or bumps in turn.
     */
    private Result defer(int records, List<BatchChange> changes, Postings postings) {
        List<Optional<RuntimeException>> deferred = unsettled.defer(changes.stream().map(c -> c.change().deferred()).toList());
        List<Optional<RetryFrom>> failures = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            int first = changes.get(i).first();
            failures.add(deferred.get(i).map(e -> RetryFrom.of(first, e)));
        }
        failures.add(postings.failure());
        if (!changes.isEmpty()) {
            try {
                unsettled.bump(clock.instant());
            } catch (RuntimeException e) {
                failures.add(Optional.of(RetryFrom.of(records - 1, e)));
            }
        }
        return new Result(postings.moved(), 0, 0, 0, changes.size(), 0, RetryFrom.earliest(failures));
    }

    /**
     * Renders the batch's changes and every change still waiting, each page once. Waiting changes
     * are charged to the batch's first record: if their work fails, the whole batch is delivered
     * again, and they are kept until a batch renders them.
     */
    private Result settle(List<BatchChange> batchChanges, Postings postings) {
        Optional<RetryFrom> indexFailure = postings.failure();
        List<UnsettledStore.Change> waiting;
        Optional<UnsettledStore.Burst> burstRead;
        try {
            waiting = unsettled.waiting();
            burstRead = waiting.isEmpty() ? Optional.empty() : Optional.of(unsettled.burst());
        } catch (RuntimeException e) {
            return new Result(postings.moved(), 0, 0, 0, 0, 0, RetryFrom.earliest(indexFailure, Optional.of(RetryFrom.of(0, e))));
        }
        Map<String, BatchChange> byPath = new LinkedHashMap<>();
        waiting.forEach(w -> byPath.put(w.path(), new BatchChange(0, ArticleChange.of(w))));
        batchChanges.forEach(c -> byPath.merge(c.path(), c, (w, later) -> new BatchChange(0, w.change().then(later.change()))));
        List<BatchChange> changes = List.copyOf(byPath.values());
        BatchPostings view;
        try {
            view = BatchPostings.read(listingStore, BatchPostings.changedListings(changes), zone, parallel);
        } catch (RuntimeException e) {
            Optional<RetryFrom> failure = changes.stream().mapToInt(BatchChange::first).min().stream()
                    .mapToObj(record -> RetryFrom.of(record, e)).findFirst();
            return new Result(postings.moved(), 0, 0, 0, 0, 0, RetryFrom.earliest(indexFailure, failure));
        }
        List<Supplier<Outcome>> work = List.of(() -> lists.over(view).update(changes), () -> listings.over(view).update(changes));
        List<Outcome> outcomes = new ArrayList<>(parallel.map(work, Supplier::get));
        // After the lists: a page the lists rewrote carries their new revision, which a version's page must match to replace it
        // with the versions this batch knows of, where the index the lists' render read may lag.
        outcomes.add(translations.update(changes));
        Optional<RetryFrom> retry = RetryFrom.earliest(indexFailure, outcomes.get(0).retry(), outcomes.get(1).retry(),
                outcomes.get(2).retry());
        boolean waitingDone = retry.map(r -> r.record() > 0).orElse(true);
        if (waitingDone && !waiting.isEmpty()) {
            forget(waiting, burstRead.orElseThrow());
        }
        return new Result(postings.moved(), outcomes.get(0).changed(),
                outcomes.get(0).pages() + outcomes.get(1).pages() + outcomes.get(2).pages(), outcomes.get(1).removed(), 0, waitingDone ? waiting.size() : 0, retry);
    }

    /**
     * Forgets settled changes. If that fails they stay waiting, and a later batch renders them again:
     * more work, nothing lost, so the batch does not fail for it.
     */
    private void forget(List<UnsettledStore.Change> settled, UnsettledStore.Burst burstRead) {
        try {
            unsettled.settled(settled);
            unsettled.clearSince(burstRead);
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("reason", e.toString()).log("settled changes could not all be forgotten; a later batch renders them again");
        }
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

    /** Each article's records before {@code applied}, as one change per article. */
    private static List<BatchChange> merged(List<ArticleChange> batch, Map<String, List<Integer>> recordsOf, int applied) {
        return recordsOf.values().stream().flatMap(records -> merged(batch, records, applied).stream()).toList();
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
