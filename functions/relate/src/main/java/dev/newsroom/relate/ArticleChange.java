package dev.newsroom.relate;

import dev.newsroom.core.store.StreamRecord;
import dev.newsroom.core.article.ArticleMetadata;
import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.RelatedChoices;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.article.Translation;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.store.ArticleItems;
import dev.newsroom.core.store.ShellMarker;
import dev.newsroom.core.store.UnsettledStore;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One record of the articles table's stream: the article before and after.
 *
 * @param version the article version the change brings; for a deleted item, one past its last
 */
public record ArticleChange(String path, Optional<StoredArticle> before, Optional<StoredArticle> after, long version) {

    /**
     * A record of the articles table's stream; the markers' ({@link UnsettledStore}, {@link
     * ShellMarker}) carry no article, nor does that of an item stored under a bare slug.
     */
    static ArticleChange of(StreamRecord record) {
        return record.read("an article's", ArticleChange::read);
    }

    private static ArticleChange read(StreamRecord record) {
        String path = record.keys().get(ArticleItems.KEY).s();
        // An item under a bare slug only changes as KeyMigration moves it, which rebuilds the index itself.
        if (UnsettledStore.isMarker(record.keys()) || ShellMarker.isMarker(record.keys()) || ArticleItems.isBareSlug(path)) {
            return new ArticleChange(path, Optional.empty(), Optional.empty(), 0);
        }
        Optional<StoredArticle> before = image(record.oldImage());
        Optional<StoredArticle> after = image(record.newImage());
        // Its listings, read now: an article whose terms no upload could give is this record's fault, named as such.
        before.flatMap(Entry::of).ifPresent(Entry::listings);
        after.flatMap(Entry::of).ifPresent(Entry::listings);
        long version = after.map(StoredArticle::version).orElseGet(() -> before.map(b -> b.version() + 1).orElse(1L));
        return new ArticleChange(path, before, after, version);
    }

    static ArticleChange of(UnsettledStore.Change waiting) {
        return new ArticleChange(waiting.path(), waiting.before(), waiting.after(), waiting.version());
    }

    UnsettledStore.Change deferred() {
        return new UnsettledStore.Change(path, before, after, version);
    }

    /** Whether the record asks for every page again, under a new site configuration ({@link ShellMarker}). */
    boolean rendersEveryPage() {
        return path.equals(ShellMarker.KEY);
    }

    /** Whether the record was an article's, rather than the marker's. */
    boolean carriesArticle() {
        return before.isPresent() || after.isPresent();
    }

    /** This change followed by a later one of the same article: from before this to after that. */
    ArticleChange then(ArticleChange later) {
        return new ArticleChange(path, before, later.after, later.version);
    }

    /**
     * Whether the change takes the article down (a legal takedown): readers must stop seeing it at
     * once, not within the pages' cache lifetime, so its pages wait for no burst and are invalidated.
     */
    boolean takesDown() {
        return after.filter(a -> a.status() == ArticleStatus.WITHDRAWN).isPresent()
                && before.filter(b -> b.status() == ArticleStatus.WITHDRAWN).isEmpty();
    }

    /** The listings the article was in or is in. */
    Set<ListingKey> listings() {
        Set<ListingKey> keys = new LinkedHashSet<>();
        before.flatMap(Entry::of).ifPresent(e -> keys.addAll(e.listings()));
        after.flatMap(Entry::of).ifPresent(e -> keys.addAll(e.listings()));
        return keys;
    }

    /**
     * Whether readers could see the change in a listing, a list or another language's version of
     * the article: a body edit, a draft saved or a replayed record they cannot.
     */
    boolean shows() {
        return !sameListing() || !choices(before).equals(choices(after)) || !translationKeysChanged().isEmpty();
    }

    /** A published article as its other language versions see it: what they share, and its language and path. */
    record Version(String key, Translation translation) {
    }

    static Optional<Version> version(StoredArticle article) {
        ArticleMetadata meta = article.article().metadata();
        return article.status() == ArticleStatus.PUBLISHED
                ? meta.translationKey().map(key -> new Version(key, meta.translation()))
                : Optional.empty();
    }

    /** The translation keys whose versions' pages change: a version appeared, left, moved or changed language. */
    Set<String> translationKeysChanged() {
        Optional<Version> was = before.flatMap(ArticleChange::version);
        Optional<Version> is = after.flatMap(ArticleChange::version);
        if (was.equals(is)) {
            return Set.of();
        }
        Set<String> keys = new LinkedHashSet<>();
        was.ifPresent(v -> keys.add(v.key()));
        is.ifPresent(v -> keys.add(v.key()));
        return keys;
    }

    /** Whether the article is in the same listings, at the same place and with the same entry, before and after. */
    boolean sameListing() {
        Optional<Entry> was = before.flatMap(Entry::of);
        Optional<Entry> is = after.flatMap(Entry::of);
        return was.map(b -> is.map(b::sameListing).orElse(false)).orElse(is.isEmpty());
    }

    private static RelatedChoices choices(Optional<StoredArticle> article) {
        return article.filter(a -> Entry.of(a).isPresent()).map(a -> a.article().metadata().related())
                .orElse(RelatedChoices.NONE);
    }

    private static Optional<StoredArticle> image(Map<String, AttributeValue> image) {
        return image.isEmpty() ? Optional.empty() : Optional.of(ArticleItems.fromItem(image));
    }
}
