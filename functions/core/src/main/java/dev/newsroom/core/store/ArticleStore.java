package dev.newsroom.core.store;

import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.article.Translation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The articles table, keyed by the articles' paths, with optimistic locking on {@code version}. */
public final class ArticleStore {

    public static final String TRANSLATIONS_INDEX = "translations";
    /** More than any site's languages (site.yaml allows 30), drafts included. */
    private static final int MAX_TRANSLATIONS = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public ArticleStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Every published article, newest first, from the sparse {@code latest} index and batched reads:
     * what a full rebuild walks, never a scan.
     */
    public List<StoredArticle> published() {
        QueryRequest latest = QueryRequest.builder().tableName(table).indexName("latest")
                .keyConditionExpression("#feed = :all").scanIndexForward(false)
                .expressionAttributeNames(Map.of("#feed", ArticleItems.FEED_KEY))
                .expressionAttributeValues(Map.of(":all", AttributeValue.fromS(ArticleItems.FEED_ALL))).build();
        // An item still under a bare slug is KeyMigration's to move, and the rebuild after it reads it at its path.
        List<Map<String, AttributeValue>> keys = DynamoBatches.query(dynamo, latest, Integer.MAX_VALUE).stream()
                .filter(item -> !ArticleItems.isBareSlug(item.get(ArticleItems.KEY).s()))
                .map(item -> Map.of(ArticleItems.KEY, item.get(ArticleItems.KEY))).toList();
        List<StoredArticle> articles = new ArrayList<>(DynamoBatches.get(dynamo, table, keys).stream().map(ArticleItems::fromItem).toList());
        articles.removeIf(a -> a.status() != ArticleStatus.PUBLISHED);
        articles.sort(Comparator.comparing((StoredArticle a) -> a.article().metadata().published()).reversed());
        return articles;
    }

    /**
     * The published versions of an article in the site's languages, from the sparse
     * {@code translations} index, which carries each item's language and status.
     */
    public List<Translation> translations(String translationKey) {
        QueryRequest versions = QueryRequest.builder().tableName(table).indexName(TRANSLATIONS_INDEX)
                .keyConditionExpression("#key = :key")
                .expressionAttributeNames(Map.of("#key", ArticleItems.TRANSLATION_KEY))
                .expressionAttributeValues(Map.of(":key", AttributeValue.fromS(translationKey))).build();
        return DynamoBatches.query(dynamo, versions, MAX_TRANSLATIONS).stream()
                .filter(item -> ArticleStatus.of(item.get(ArticleItems.STATUS).s()) == ArticleStatus.PUBLISHED)
                .map(item -> new Translation(ArticleItems.optional(item, ArticleItems.LANG), item.get(ArticleItems.KEY).s()))
                .toList();
    }

    public Optional<StoredArticle> find(String path) {
        return Lookups.item(dynamo, table, ArticleItems.KEY, path).map(ArticleItems::fromItem);
    }

    /** The stored articles at these paths, by path, in batched reads; a path with no article is left out. */
    public Map<String, StoredArticle> find(Collection<String> paths) {
        List<Map<String, AttributeValue>> keys = paths.stream().distinct()
                .map(path -> Map.of(ArticleItems.KEY, AttributeValue.fromS(path))).toList();
        Map<String, StoredArticle> found = new HashMap<>();
        DynamoBatches.get(dynamo, table, keys).stream().map(ArticleItems::fromItem).forEach(a -> found.put(a.path(), a));
        return found;
    }

    /** The titles of the articles at these paths, by path, reading nothing else of them; a path with no article is left out. */
    public Map<String, String> titles(Collection<String> paths) {
        List<Map<String, AttributeValue>> keys = paths.stream().distinct()
                .map(path -> Map.of(ArticleItems.KEY, AttributeValue.fromS(path))).toList();
        Map<String, String> titles = new HashMap<>();
        DynamoBatches.get(dynamo, table, keys, List.of(ArticleItems.KEY, "title")).stream().filter(item -> item.containsKey("title"))
                .forEach(item -> titles.put(item.get(ArticleItems.KEY).s(), item.get("title").s()));
        return titles;
    }

    /**
     * Writes {@code next} only if the stored item is still the version it was derived from.
     * Returns false when another writer got there first: the caller re-reads and decides again (B1).
     */
    public boolean save(StoredArticle next) {
        var request = PutItemRequest.builder().tableName(table).item(ArticleItems.toItem(next));
        if (next.version() == 1) {
            request.conditionExpression("attribute_not_exists(#key)")
                    .expressionAttributeNames(Map.of("#key", ArticleItems.KEY));
        } else {
            request.conditionExpression("#version = :previous")
                    .expressionAttributeNames(Map.of("#version", ArticleItems.VERSION))
                    .expressionAttributeValues(Map.of(":previous", ArticleItems.n(next.version() - 1)));
        }
        try {
            dynamo.putItem(request.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
