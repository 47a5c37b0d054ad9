package dev.newsroom.relate;

import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.index.ListingState;

import dev.newsroom.core.related.Ranking;
import dev.newsroom.core.store.ListingStore;
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

    public Summary run(PrintStream progress) {
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

        Map<ListingKey, ListingState> states = listingStore.states(keys.isEmpty() ? List.of(ListingKey.HOME) : keys);
        var listings = new ListingPages(postings, wiring.renderer(), PageSink.rewriting(wiring.site()), config.site().zone(), config.listingSize(),
                clock, wiring.parallel());
        AtomicInteger rendered = new AtomicInteger(done.get());
        states.values().parallelStream().forEach(state -> rendered.addAndGet(listings.all(state.key(), state)));
        progress.printf("%d pages in all%n", rendered.get());
        return new Summary(published.size(), changed.get(), rendered.get());
    }

}
