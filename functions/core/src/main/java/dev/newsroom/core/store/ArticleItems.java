package dev.newsroom.core.store;

import dev.newsroom.core.article.PreModeration;
import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleMetadata;
import dev.newsroom.core.article.Correction;
import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.Author;
import dev.newsroom.core.article.LeadImage;
import dev.newsroom.core.article.RelatedChoices;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.article.Term;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps {@link StoredArticle} to and from DynamoDB items. The {@code feedKey} of the {@code latest}
 * index is written only for published articles, so that index lists exactly what readers may see:
 * a full rebuild walks it instead of scanning the table.
 */
public final class ArticleItems {

    /**
     * The key attribute: the article's path. It is named {@code slug} because articles were keyed by
     * slug before they were keyed by path, and renaming a key attribute would replace the table
     * (docs/publishing.md, "Keys before paths").
     */
    public static final String KEY = "slug";
    public static final String VERSION = "version";
    public static final String STATUS = "status";
    public static final String PUBLISHED_AT = "publishedAt";
    public static final String FEED_KEY = "feedKey";
    /** The single partition of the site-wide latest-articles index. */
    public static final String FEED_ALL = "all";
    /** What the body drew from the site's configuration, which a change there re-publishes it for. */
    static final String SITE_SETTINGS_USED = "siteSettingsUsed";
    /** What an article's language versions share; the {@code translations} index finds them by it. */
    public static final String TRANSLATION_KEY = "translationKey";
    public static final String LANG = "lang";

    private ArticleItems() {
    }

    public static Map<String, AttributeValue> toItem(StoredArticle stored) {
        ArticleMetadata meta = stored.article().metadata();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, s(meta.path()));
        item.put("articleSlug", s(meta.slug()));
        item.put(VERSION, n(stored.version()));
        item.put(STATUS, s(stored.status().value()));
        item.put("sourceKey", s(stored.sourceKey()));
        item.put("sequencer", s(stored.sequencer()));
        item.put("contentHash", s(stored.contentHash()));
        item.put("createdAt", s(stored.createdAt().toString()));
        item.put("storedAt", s(stored.storedAt().toString()));
        if (stored.comments() > 0) {
            item.put(COMMENTS, n(stored.comments()));
        }
        item.put("title", s(meta.title()));
        item.put("published", s(meta.published().toString()));
        item.put(PUBLISHED_AT, n(meta.published().toEpochMilli()));
        meta.updated().ifPresent(u -> item.put("updated", s(u.toString())));
        meta.publishDate().ifPresent(at -> item.put("publishDate", s(at.toString())));
        meta.expires().ifPresent(at -> item.put("expires", s(at.toString())));
        if (!meta.corrections().isEmpty()) {
            item.put("corrections", list(meta.corrections().stream().map(ArticleItems::correction).toList()));
        }
        item.put("modified", s(meta.modified().toString()));
        item.put("authors", list(meta.authors().stream().map(ArticleItems::author).toList()));
        item.put("category", term(meta.category()));
        item.put("tags", list(meta.tags().stream().map(ArticleItems::term).toList()));
        meta.summary().ifPresent(summary -> item.put("summary", s(summary)));
        meta.image().ifPresent(image -> item.put("image", image(image)));
        item.put("draft", bool(meta.draft()));
        item.put("commentsOpen", bool(meta.commentsOpen()));
        meta.commentModeration().ifPresent(mode -> item.put("commentModeration", s(mode.name())));
        if (meta.page()) {
            item.put("page", bool(true));
        }
        meta.lang().ifPresent(lang -> item.put(LANG, s(lang)));
        meta.translationKey().ifPresent(key -> item.put(TRANSLATION_KEY, s(key)));
        item.put("bodyHtml", s(stored.article().bodyHtml()));
        if (!meta.related().pinned().isEmpty()) {
            item.put("relatedPins", list(meta.related().pinned().stream().map(ArticleItems::s).toList()));
        }
        if (!meta.related().excluded().isEmpty()) {
            item.put("relatedExcludes", AttributeValue.fromSs(List.copyOf(meta.related().excluded())));
        }
        if (!stored.article().siteSettingsUsed().isEmpty()) {
            item.put(SITE_SETTINGS_USED, AttributeValue.fromSs(List.copyOf(stored.article().siteSettingsUsed())));
        }
        if (stored.status() == ArticleStatus.PUBLISHED) {
            item.put(FEED_KEY, s(FEED_ALL));
        }
        return item;
    }

    public static StoredArticle fromItem(Map<String, AttributeValue> item) {
        var meta = new ArticleMetadata(
                item.get(KEY).s(),
                item.get("articleSlug").s(),
                item.get("title").s(),
                Instant.parse(item.get("published").s()),
                optional(item, "updated").map(Instant::parse),
                item.get("authors").l().stream().map(a -> author(a.m())).toList(),
                term(item.get("category").m()),
                item.get("tags").l().stream().map(t -> term(t.m())).toList(),
                optional(item, "summary"),
                Optional.ofNullable(item.get("image")).map(i -> image(i.m())),
                item.get("draft").bool(),
                item.get("commentsOpen").bool(),
                optional(item, "commentModeration").map(PreModeration::valueOf),
                new RelatedChoices(
                        item.containsKey("relatedPins") ? item.get("relatedPins").l().stream().map(AttributeValue::s).toList() : List.of(),
                        item.containsKey("relatedExcludes") ? Set.copyOf(item.get("relatedExcludes").ss()) : Set.of()),
                item.containsKey("page") && item.get("page").bool(),
                optional(item, LANG),
                optional(item, TRANSLATION_KEY),
                optional(item, "publishDate").map(Instant::parse),
                optional(item, "expires").map(Instant::parse),
                item.containsKey("corrections") ? item.get("corrections").l().stream().map(c -> correction(c.m())).toList() : List.of());
        return new StoredArticle(
                new Article(meta, item.get("bodyHtml").s(), List.of(), List.of(),
                        item.containsKey(SITE_SETTINGS_USED) ? Set.copyOf(item.get(SITE_SETTINGS_USED).ss()) : Set.of()),
                ArticleStatus.of(item.get(STATUS).s()),
                Long.parseLong(item.get(VERSION).n()),
                item.get("sourceKey").s(),
                item.get("sequencer").s(),
                item.get("contentHash").s(),
                Instant.parse(item.get("createdAt").s()),
                Instant.parse(item.get("storedAt").s()),
                item.containsKey(COMMENTS) ? Integer.parseInt(item.get(COMMENTS).n()) : 0);
    }

    private static AttributeValue correction(Correction correction) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("text", s(correction.text()));
        correction.at().ifPresent(at -> m.put("at", s(at.toString())));
        return AttributeValue.fromM(m);
    }

    private static Correction correction(Map<String, AttributeValue> m) {
        return new Correction(m.get("text").s(), optional(m, "at").map(Instant::parse));
    }

    /** How many approved comments the article has (absent: none). */
    static final String COMMENTS = "commentCount";

    /**
     * Whether an item's key is a bare slug, as items were keyed before articles were keyed by their
     * paths: {@code KeyMigration}'s to move, and no one else's to read. The markers' keys are not ones.
     */
    public static boolean isBareSlug(String key) {
        return !key.startsWith("/") && !key.equals(UnsettledStore.MARKER) && !key.equals(ShellMarker.KEY);
    }

    static AttributeValue author(Author author) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("name", s(author.name()));
        m.put("slug", s(author.slug()));
        author.bio().ifPresent(v -> m.put("bio", s(v)));
        author.twitter().ifPresent(v -> m.put("twitter", s(v)));
        author.url().ifPresent(v -> m.put("url", s(v)));
        author.affiliation().ifPresent(v -> m.put("affiliation", s(v)));
        m.put("organisation", bool(author.organisation()));
        return AttributeValue.fromM(m);
    }

    static Author author(Map<String, AttributeValue> m) {
        return new Author(m.get("name").s(), m.get("slug").s(), optional(m, "bio"), optional(m, "twitter"),
                optional(m, "url"), optional(m, "affiliation"), m.get("organisation").bool());
    }

    static AttributeValue term(Term term) {
        return AttributeValue.fromM(Map.of("name", s(term.name()), "slug", s(term.slug())));
    }

    static Term term(Map<String, AttributeValue> m) {
        return new Term(m.get("name").s(), m.get("slug").s());
    }

    static AttributeValue image(LeadImage image) {
        Map<String, AttributeValue> m = new HashMap<>(Map.of("src", s(image.src()), "alt", s(image.alt())));
        image.caption().ifPresent(caption -> m.put("caption", s(caption)));
        image.credit().ifPresent(credit -> m.put("credit", s(credit)));
        image.stored().ifPresent(stored -> m.putAll(ImageStore.attributes(stored)));
        return AttributeValue.fromM(m);
    }

    /** An image as stored; one stored before captions, credits and sizes has none of them. */
    static LeadImage image(Map<String, AttributeValue> m) {
        return new LeadImage(m.get("src").s(), m.get("alt").s(), optional(m, "caption"), optional(m, "credit"), ImageStore.image(m));
    }

    static Optional<String> optional(Map<String, AttributeValue> m, String name) {
        return Optional.ofNullable(m.get(name)).map(AttributeValue::s);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    static AttributeValue list(List<AttributeValue> values) {
        return AttributeValue.fromL(values);
    }
}
