package dev.newsroom.relate;

import dev.newsroom.core.aws.SnapshotPriming;
import dev.newsroom.core.article.RelatedChoices;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.store.IndexStore;
import dev.newsroom.core.store.StoredArticle;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Applies one change of the articles table to everything derived from it, in an order that makes
 * every step safe to repeat: the postings first (each a conditional transaction with its listing's
 * state), then the related lists, which read the postings, then the listing pages, which read both.
 * A change readers would not see in any listing or list (a body edit, a draft saved, a replayed
 * record) re-renders nothing.
 */
public final class Relater {

    private final IndexStore index;
    private final RelatedLists lists;
    private final ListingPages listings;

    Relater(IndexStore index, RelatedLists lists, ListingPages listings) {
        this.index = index;
        this.lists = lists;
        this.listings = listings;
    }

    public static Relater create(RelateConfig config, S3Client s3, DynamoDbClient dynamo, Clock clock) {
        Wiring wiring = Wiring.of(config, s3, dynamo);
        return new Relater(wiring.index(), wiring.lists(), new ListingPages(wiring.index(), wiring.renderer(),
                wiring.site()::write, config.site().zone(), config.listingSize(), clock));
    }

    /** What one change did, for the log. */
    public record Result(String description, int postings, int lists, int pages) {
    }

    /** Warms a change's path, writing nothing (SnapStart): reads a related list and the site's postings, renders its index. */
    public void prime() {
        index.related(SnapshotPriming.SLUG);
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
        int postings = 0;
        for (ListingKey key : keys) {
            Optional<Entry> was = before.filter(e -> e.listings().contains(key));
            Optional<Entry> now = after.filter(e -> e.listings().contains(key));
            postings += index.apply(key, was, now, change.version()) ? 1 : 0;
        }
        int changedLists = lists.update(change);
        int pages = sameListing ? 0 : listings.update(before, after);
        return new Result(after.isPresent() ? "listed" : before.isPresent() ? "unlisted" : "related choices changed",
                postings, changedLists, pages);
    }

    private static RelatedChoices choices(Optional<StoredArticle> article) {
        return article.filter(a -> Entry.of(a).isPresent()).map(a -> a.article().metadata().related())
                .orElse(RelatedChoices.NONE);
    }
}
