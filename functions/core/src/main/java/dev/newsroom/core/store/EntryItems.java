package dev.newsroom.core.store;

import static dev.newsroom.core.store.ArticleItems.s;

import dev.newsroom.core.index.Entry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps an {@link Entry} to and from the attributes of an index item, in the article item's shapes. */
final class EntryItems {

    private EntryItems() {
    }

    static Map<String, AttributeValue> toItem(Entry entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("path", s(entry.path()));
        item.put("version", ArticleItems.n(entry.version()));
        item.put("title", s(entry.title()));
        item.put("published", s(entry.published().toString()));
        item.put("modified", s(entry.modified().toString()));
        entry.summary().ifPresent(v -> item.put("summary", s(v)));
        entry.image().ifPresent(v -> item.put("image", ArticleItems.image(v)));
        item.put("category", ArticleItems.term(entry.category()));
        item.put("authors", ArticleItems.list(entry.authors().stream().map(ArticleItems::author).toList()));
        item.put("tags", ArticleItems.list(entry.tags().stream().map(ArticleItems::term).toList()));
        entry.lang().ifPresent(v -> item.put(ArticleItems.LANG, s(v)));
        if (entry.corrected()) {
            item.put("corrected", AttributeValue.fromBool(true));
        }
        if (entry.comments() > 0) {
            item.put(ArticleItems.COMMENTS, ArticleItems.n(entry.comments()));
        }
        return item;
    }

    static Entry fromItem(Map<String, AttributeValue> item) {
        return new Entry(item.get("path").s(), Long.parseLong(item.get("version").n()), item.get("title").s(),
                Instant.parse(item.get("published").s()), Instant.parse(item.get("modified").s()),
                ArticleItems.optional(item, "summary"),
                Optional.ofNullable(item.get("image")).map(i -> ArticleItems.image(i.m())),
                ArticleItems.term(item.get("category").m()),
                // Entries stored before co-authors had pages carry their primary author alone.
                item.containsKey("authors") ? item.get("authors").l().stream().map(a -> ArticleItems.author(a.m())).toList()
                        : List.of(ArticleItems.author(item.get("author").m())),
                item.get("tags").l().stream().map(t -> ArticleItems.term(t.m())).toList(),
                ArticleItems.optional(item, ArticleItems.LANG),
                item.containsKey(ArticleItems.COMMENTS) ? Integer.parseInt(item.get(ArticleItems.COMMENTS).n()) : 0,
                item.containsKey("corrected") && item.get("corrected").bool());
    }
}
