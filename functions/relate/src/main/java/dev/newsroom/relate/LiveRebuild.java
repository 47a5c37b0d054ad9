package dev.newsroom.relate;

import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.index.ListingState;

import dev.newsroom.core.related.Ranking;
import dev.newsroom.core.render.PageRenderer;
import dev.newsroom.core.store.ArticlePages;
import dev.newsroom.core.store.ArticleStore;
import dev.newsroom.core.store.IndexStore;
import dev.newsroom.core.store.SiteBucket;
import dev.newsroom.core.store.StoredArticle;
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

    private final RelateConfig config;
    private final ArticleStore articles;
    private final IndexStore index;
    private final SiteBucket site;
    private final RelatedLists lists;
    private final ArticlePages pages;
    private final PageRenderer renderer;
    private final Clock clock;

    private LiveRebuild(RelateConfig config, ArticleStore articles, IndexStore index, SiteBucket site, RelatedLists lists,
                        ArticlePages pages, PageRenderer renderer, Clock clock) {
        this.config = config;
        this.articles = articles;
        this.index = index;
        this.site = site;
        this.lists = lists;
        this.pages = pages;
        this.renderer = renderer;
        this.clock = clock;
    }

    public static LiveRebuild create(RelateConfig config, S3Client s3, DynamoDbClient dynamo, Clock clock) {
        var index = new IndexStore(dynamo, config.indexTable(), config.site().zone());
        var site = new SiteBucket(s3, config.siteBucket());
        var renderer = new PageRenderer(config.site());
        var articles = new ArticleStore(dynamo, config.articlesTable());
        var pages = new ArticlePages(renderer, site);
        var neighbours = new Neighbours(index, slug -> articles.find(slug).flatMap(Entry::of), new Ranking(config.rules()),
                config.window());
        return new LiveRebuild(config, articles, index, site,
                new RelatedLists(index, articles, pages, site, neighbours, config.fanOut()), pages, renderer, clock);
    }

    public Summary run(PrintStream progress) {
        List<StoredArticle> published = articles.published();
        Map<String, Entry> entries = published.stream().map(a -> Entry.of(a).orElseThrow())
                .collect(Collectors.toMap(Entry::slug, Function.identity()));
        var postings = new MemoryPostings(entries.values(), config.site().zone());
        List<ListingKey> keys = postings.keys().stream().sorted(Comparator.comparing(ListingKey::id)).toList();
        progress.printf("%d published articles in %d listings%n", published.size(), keys.size());
        keys.parallelStream().forEach(key -> index.load(key, postings.since(key, java.time.Instant.MIN)));
        progress.printf("index loaded%n");

        var neighbours = Neighbours.of(postings, entries, new Ranking(config.rules()), config.window());
        AtomicInteger done = new AtomicInteger();
        AtomicInteger changed = new AtomicInteger();
        published.parallelStream().forEach(article -> {
            Entry entry = entries.get(article.slug());
            var choices = article.article().metadata().related();
            if (lists.store(article.slug(), entry.candidate(), choices.pinned(), choices.excluded(), neighbours.rank(entry, choices))) {
                changed.incrementAndGet();
            }
            pages.rewrite(article, index.related(article.slug()));
            if (done.incrementAndGet() % 1000 == 0) {
                progress.printf("%d of %d article pages%n", done.get(), published.size());
            }
        });
        progress.printf("%d article pages, %d lists changed%n", done.get(), changed.get());

        Map<ListingKey, ListingState> states = index.states(keys.isEmpty() ? List.of(ListingKey.HOME) : keys);
        var listings = new ListingPages(postings, renderer, site::rewrite, config.site().zone(), config.listingSize(), clock);
        AtomicInteger rendered = new AtomicInteger(done.get());
        states.values().parallelStream().forEach(state -> rendered.addAndGet(listings.all(state.key(), state)));
        progress.printf("%d pages in all%n", rendered.get());
        return new Summary(published.size(), changed.get(), rendered.get());
    }

}
