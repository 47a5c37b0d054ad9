package dev.newsroom.relate;

import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.index.ListingState;
import dev.newsroom.core.index.Postings;

import dev.newsroom.core.related.Ranking;
import dev.newsroom.core.store.ListingStore;
import dev.newsroom.core.store.SiteBucket;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * Renders every page again as the tables hold it, changing no list or posting: after a new site
     * configuration changes what every page shows. Pages newer than what it read are kept, so it is
     * safe beside the stream's own batches.
     */
    Summary rewritePages() {
        List<StoredArticle> published = wiring.articles().published();
        AtomicInteger pages = new AtomicInteger();
        wiring.parallel().each(published, article -> {
            if (wiring.pages().rewrite(article, wiring.listStore().related(article.path())) == SiteBucket.Outcome.WRITTEN) {
                pages.incrementAndGet();
            }
        });
        List<ListingKey> keys = published.stream().flatMap(a -> Entry.of(a).stream()).flatMap(e -> e.listings().stream()).distinct().toList();
        return new Summary(published.size(), 0, pages.get() + listingPages(wiring.listingStore(), keys));
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
