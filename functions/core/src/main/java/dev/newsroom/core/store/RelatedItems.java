package dev.newsroom.core.store;

import static dev.newsroom.core.store.ArticleItems.s;

import dev.newsroom.core.article.RelatedArticle;
import dev.newsroom.core.index.RelatedList;
import dev.newsroom.core.related.Candidate;
import dev.newsroom.core.related.Scored;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps a {@link RelatedList} to and from an index item: the list with every score and its parts. */
final class RelatedItems {

    private RelatedItems() {
    }

    static Map<String, AttributeValue> toItem(RelatedList list) {
        Candidate owner = list.owner();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("path", s(owner.path()));
        item.put("rev", ArticleItems.n(list.revision()));
        item.put("published", s(owner.published().toString()));
        item.put("category", s(owner.category()));
        item.put("author", s(owner.author()));
        item.put("tags", strings(List.copyOf(owner.tags())));
        owner.lang().ifPresent(v -> item.put(ArticleItems.LANG, s(v)));
        item.put("pinned", strings(list.pinned()));
        item.put("excluded", strings(List.copyOf(list.excluded())));
        item.put("items", ArticleItems.list(list.items().stream().map(RelatedItems::item).toList()));
        return item;
    }

    static RelatedList fromItem(Map<String, AttributeValue> item) {
        Candidate owner = new Candidate(item.get("path").s(), Instant.parse(item.get("published").s()),
                item.get("category").s(), item.get("author").s(), Set.copyOf(strings(item.get("tags"))),
                ArticleItems.optional(item, ArticleItems.LANG));
        return new RelatedList(owner, strings(item.get("pinned")), Set.copyOf(strings(item.get("excluded"))),
                Long.parseLong(item.get("rev").n()), item.get("items").l().stream().map(i -> item(i.m())).toList());
    }

    private static AttributeValue item(RelatedList.Item entry) {
        Scored scored = entry.scored();
        RelatedArticle article = entry.article();
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("path", s(scored.path()));
        m.put("published", s(scored.published().toString()));
        m.put("score", number(scored.score()));
        m.put("pinned", AttributeValue.fromBool(scored.pinned()));
        m.put("sharedTags", strings(scored.sharedTags()));
        m.put("tagScore", number(scored.tagScore()));
        m.put("categoryScore", number(scored.categoryScore()));
        m.put("authorScore", number(scored.authorScore()));
        m.put("closenessScore", number(scored.closenessScore()));
        m.put("title", s(article.title()));
        article.summary().ifPresent(v -> m.put("summary", s(v)));
        article.image().ifPresent(v -> m.put("image", ArticleItems.image(v)));
        return AttributeValue.fromM(m);
    }

    private static RelatedList.Item item(Map<String, AttributeValue> m) {
        Instant published = Instant.parse(m.get("published").s());
        Scored scored = new Scored(m.get("path").s(), published, decimal(m, "score"), m.get("pinned").bool(),
                strings(m.get("sharedTags")), decimal(m, "tagScore"), decimal(m, "categoryScore"),
                decimal(m, "authorScore"), decimal(m, "closenessScore"));
        return new RelatedList.Item(scored, new RelatedArticle(scored.path(), m.get("title").s(), published,
                ArticleItems.optional(m, "summary"), Optional.ofNullable(m.get("image")).map(i -> ArticleItems.image(i.m()))));
    }

    /** Lists, not string sets: they keep order, and may be empty. */
    private static AttributeValue strings(List<String> values) {
        return ArticleItems.list(values.stream().map(ArticleItems::s).toList());
    }

    private static List<String> strings(AttributeValue value) {
        return value.l().stream().map(AttributeValue::s).toList();
    }

    private static AttributeValue number(double value) {
        return AttributeValue.fromN(Double.toString(value));
    }

    private static double decimal(Map<String, AttributeValue> m, String name) {
        return Double.parseDouble(m.get(name).n());
    }
}
