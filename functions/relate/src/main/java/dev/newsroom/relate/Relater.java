package dev.newsroom.relate;

import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.article.RelatedChoices;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.store.ListingStore;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Applies one change of the articles table to everything derived from it, in an order that makes
 * every step safe to repeat: the postings first (each a conditional transaction with its listing's
 * state), then the related lists and the listing pages, which read the postings and not each other.
 * A change readers would not see in any listing or list (a body edit, a draft saved, a replayed
 * record) re-renders nothing.
 */
public final class Relater {

    private final ListingStore listingStore;
    private final RelatedLists lists;
    private final ListingPages listings;
    private final Parallel parallel;

    Relater(ListingStore listingStore, RelatedLists lists, ListingPages listings, Parallel parallel) {
        this.listingStore = listingStore;
        this.lists = lists;
        this.listings = listings;
        this.parallel = parallel;
    }

    public static Relater create(RelateConfig config, S3Client s3, DynamoDbClient dynamo, Clock clock) {
        Wiring wiring = Wiring.of(config, s3, dynamo);
        return new Relater(wiring.listingStore(), wiring.lists(), new ListingPages(wiring.listingStore(), wiring.renderer(),
                wiring.site()::write, config.site().zone(), config.listingSize(), clock, wiring.parallel()), wiring.parallel());
    }

    /** What one change did, for the log. */
    public record Result(String description, int postings, int lists, int pages) {
    }

    /**
     * Warms a change's path, writing nothing (SnapStart): reads a related list, its article and its
     * page, and the site's postings, and renders the site's pages as a change of its newest article would.
     */
    public void prime() {
        lists.prime();
        listings.prime();
    }

    public Result apply(ArticleChange change) {
        Optional<Entry> before = change.before().flatMap(Entry::of);
        Optional<Entry> after = change.after().flatMap(Entry::of);
        boolean sameListing = before.map(b -> after.map(b::sameListing).orElse(false)).orElse(after.isEmpty());
        if (sameListing && choices(change.before()).equals(choices(change.after()))) {
            return new Result("nothing readers see changed", 0, 0, 0);
        }
        Set<ListingKey> keys = new LinkedHashSet<>();
        before.ifPresent(e -> keys.addAll(e.listings()));
        after.ifPresent(e -> keys.addAll(e.listings()));
        // Each listing's postings are a transaction of their own, so the listings are updated at once.
        int postings = (int) parallel.map(keys, key -> listingStore.apply(key, before.filter(e -> e.listings().contains(key)),
                after.filter(e -> e.listings().contains(key)), change.version())).stream().filter(applied -> applied).count();
        List<Integer> updated = parallel.map(List.<Supplier<Integer>>of(() -> lists.update(change),
                () -> sameListing ? 0 : listings.update(before, after)), Supplier::get);
        return new Result(after.isPresent() ? "listed" : before.isPresent() ? "unlisted" : "related choices changed",
                postings, updated.get(0), updated.get(1));
    }

    private static RelatedChoices choices(Optional<StoredArticle> article) {
        return article.filter(a -> Entry.of(a).isPresent()).map(a -> a.article().metadata().related())
                .orElse(RelatedChoices.NONE);
    }
}
