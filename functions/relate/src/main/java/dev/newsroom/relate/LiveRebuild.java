package dev.newsroom.relate;

import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.index.ListingState;
import dev.newsroom.core.index.Postings;

import dev.newsroom.core.related.Ranking;
import dev.newsroom.core.store.ListingStore;
import dev.newsroom.core.store.SiteBucket;
import dev.newsroom.core.store.SweepProgress;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Rebuilds everything the relate function keeps, from the live articles table into the index and
 * the site bucket: after a template change, or to fill the index for articles published before the
 * relate function existed. It walks the articles through the table's sparse {@code latest} index
 * (never a scan), ranks every list in memory through the same code as the stream function, stores
 * the lists that changed, and renders every page again.
 */
public final class LiveRebuild {

    /** What a rebuild did. */
    public record Summary(int articles, int listsChanged, int pages) {
    }

    private final Wiring wiring;
    private final Clock clock;
    private final Parallel sweeping = Parallel.of(SWEEP_IN_FLIGHT);

    private LiveRebuild(Wiring wiring, Clock clock) {
        this.wiring = wiring;
        this.clock = clock;
    }

    public static LiveRebuild create(RelateConfig config, S3Client s3, DynamoDbClient dynamo, Clock clock) {
        return new LiveRebuild(Wiring.of(config, s3, dynamo), clock);
    }

    /** The rebuild of a relate function's own parts: what it runs when a new configuration changes every page. */
    static LiveRebuild of(Wiring wiring, Clock clock) {
        return new LiveRebuild(wiring, clock);
    }

    public Summary run(PrintStream progress) {
        wiring.menus().refresh();
        RelateConfig config = wiring.config();
        ListingStore listingStore = wiring.listingStore();
        List<StoredArticle> published = wiring.articles().published();
        // Static pages have no entry: they are rendered again, and listed nowhere.
        Map<String, Entry> entries = published.stream().flatMap(a -> Entry.of(a).stream())
                .collect(Collectors.toMap(Entry::path, Function.identity()));
        var postings = new MemoryPostings(entries.values(), config.site().zone());
        List<ListingKey> keys = postings.keys().stream().sorted(Comparator.comparing(ListingKey::id)).toList();
        progress.printf("%d published articles in %d listings%n", published.size(), keys.size());
        keys.parallelStream().forEach(key -> listingStore.load(key, postings.since(key, java.time.Instant.MIN)));
        progress.printf("index loaded%n");

        var neighbours = Neighbours.of(postings, entries, new Ranking(config.rules()), config.window());
        AtomicInteger done = new AtomicInteger();
        AtomicInteger changed = new AtomicInteger();
        published.parallelStream().forEach(article -> {
            Entry entry = entries.get(article.path());
            var choices = article.article().metadata().related();
            if (entry != null && wiring.lists().store(article.path(), entry.candidate(), choices.pinned(), choices.excluded(),
                    neighbours.rank(entry, choices))) {
                changed.incrementAndGet();
            }
            wiring.pages().rewrite(article, wiring.listStore().related(article.path()));
            if (done.incrementAndGet() % 1000 == 0) {
                progress.printf("%d of %d article pages%n", done.get(), published.size());
            }
        });
        progress.printf("%d article pages, %d lists changed%n", done.get(), changed.get());
        int rendered = done.get() + listingPages(postings, keys);
        progress.printf("%d pages in all%n", rendered);
        return new Summary(published.size(), changed.get(), rendered);
    }

    /** What one invocation's part of a sweep over every page did: the pages it wrote, and whether it reached the last. */
    record Sweep(int pages, boolean finished) {
    }

    /** Article pages rendered between two saves of the sweep's progress: seconds of work, so a stop loses little. */
    private static final int SWEEP_CHUNK = 200;
    /** Listings rendered between two saves: each is all of its pages, the home page's a page per {@code LISTING_SIZE} articles. */
    private static final int SWEEP_LISTINGS = 5;
    /** Requests in flight while sweeping: each page is a few reads and a write one after another, and rendering it is brief. */
    private static final int SWEEP_IN_FLIGHT = 32;
    private static final String ARTICLES = "articles";
    private static final String LISTINGS = "listings";
    private static final String DONE = "done";

    /**
     * Renders every page again as the tables hold it, changing no list or posting: after a new site
     * configuration changes what every page shows. Pages newer than what it read are kept, so it is
     * safe beside the stream's own batches. It sweeps articles by path, then listings by id, keeps
     * how far it got after every {@value #SWEEP_CHUNK} pages ({@link SweepProgress}), starts no
     * chunk at or after {@code until}, and goes on from where it stopped when called again under the
     * same configuration; once finished, a call under it again does nothing.
     */
    Sweep rewritePages(Instant until) {
        String version = wiring.menus().version();
        SweepProgress.At from = wiring.sweep().of(version).orElse(new SweepProgress.At(version, ARTICLES, ""));
        if (from.part().equals(DONE)) {
            return new Sweep(0, true);
        }
        List<StoredArticle> published = wiring.articles().published().stream().sorted(Comparator.comparing(StoredArticle::path)).toList();
        AtomicInteger pages = new AtomicInteger();
        if (from.part().equals(ARTICLES)) {
            List<StoredArticle> left = published.stream().filter(a -> a.path().compareTo(from.last()) > 0).toList();
            boolean finished = swept(version, ARTICLES, left, SWEEP_CHUNK, StoredArticle::path,
                    chunk -> sweeping.each(chunk, article -> rewrite(article, pages)), until);
            if (!finished) {
                return new Sweep(pages.get(), false);
            }
        }
        String after = from.part().equals(LISTINGS) ? from.last() : "";
        List<ListingKey> keys = published.stream().flatMap(a -> Entry.of(a).stream()).flatMap(e -> e.listings().stream()).distinct()
                .sorted(Comparator.comparing(ListingKey::id)).toList();
        List<ListingKey> left = (keys.isEmpty() ? List.of(ListingKey.HOME) : keys).stream().filter(k -> k.id().compareTo(after) > 0).toList();
        if (!swept(version, LISTINGS, left, SWEEP_LISTINGS, ListingKey::id, chunk -> pages.addAndGet(listingPages(wiring.listingStore(), chunk)),
                until)) {
            return new Sweep(pages.get(), false);
        }
        wiring.sweep().save(new SweepProgress.At(version, DONE, ""));
        return new Sweep(pages.get(), true);
    }

    /** Works through {@code items} a chunk at a time, keeping how far it got after each; false if {@code until} came first. */
    private <T> boolean swept(String version, String part, List<T> items, int size, Function<T, String> id, Consumer<List<T>> work,
                              Instant until) {
        return Parallel.chunksUntil(items, size, chunk -> {
            work.accept(chunk);
            wiring.sweep().save(new SweepProgress.At(version, part, id.apply(chunk.get(chunk.size() - 1))));
        }, until) == items.size();
    }

    /** Renders the article's page again, over one of the same version too, counting it in {@code written} if it wrote it. */
    private void rewrite(StoredArticle article, AtomicInteger written) {
        if (wiring.pages().rewrite(article, wiring.listStore().related(article.path())) == SiteBucket.Outcome.WRITTEN) {
            written.incrementAndGet();
        }
    }

    /** Renders every page of each listing, and of the home page if there is none, from {@code index}; returns how many it wrote. */
    private int listingPages(Postings index, List<ListingKey> keys) {
        RelateConfig config = wiring.config();
        Map<ListingKey, ListingState> states = wiring.listingStore().states(keys.isEmpty() ? List.of(ListingKey.HOME) : keys);
        var listings = new ListingPages(index, wiring.renderer(), PageSink.rewriting(wiring.site()), config.site().zone(), config.listingSize(),
                clock, wiring.parallel());
        AtomicInteger rendered = new AtomicInteger();
        states.values().parallelStream().forEach(state -> rendered.addAndGet(listings.all(state.key(), state)));
        return rendered.get();
    }

}
