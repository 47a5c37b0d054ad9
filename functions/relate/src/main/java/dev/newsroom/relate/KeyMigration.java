package dev.newsroom.relate;

import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.store.ArticleItems;
import dev.newsroom.core.store.DynamoBatches;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Moves what was stored under an article's slug to its path, now that articles are known by their
 * public path (docs/publishing.md, "Keys before paths"). An articles-table item under a bare slug
 * moves to that slug's default path, its version one up; the comments of that slug move with it;
 * an upload's record names the path. The index table holds only what the relate function derives,
 * so it is emptied, and {@link LiveRebuild} fills it again. Safe to run again: a second run finds
 * nothing to move. The relate function skips the records of items under a bare slug, so the moves'
 * stream records change nothing behind the rebuild's back.
 */
public final class KeyMigration {

    /** What a migration moved, and how many index items it emptied. */
    public record Summary(int articles, int comments, int uploads, int indexItems) {

        public boolean movedAnything() {
            return articles + comments + uploads > 0;
        }
    }

    /** The key attribute the comments table shares with the articles table. */
    private static final String COMMENTS_KEY = "slug";

    private final DynamoDbClient dynamo;
    private final String articlesTable;
    private final String commentsTable;
    private final String uploadsTable;
    private final String indexTable;

    public KeyMigration(DynamoDbClient dynamo, String articlesTable, String commentsTable, String uploadsTable, String indexTable) {
        this.dynamo = dynamo;
        this.articlesTable = articlesTable;
        this.commentsTable = commentsTable;
        this.uploadsTable = uploadsTable;
        this.indexTable = indexTable;
    }

    /** Whether anything is stored under a bare slug: cheap to ask of a table that has nothing to move. */
    public boolean needed() {
        return dynamo.scanPaginator(r -> r.tableName(articlesTable).projectionExpression("#k")
                        .expressionAttributeNames(Map.of("#k", ArticleItems.KEY))).items().stream()
                .anyMatch(item -> ArticleItems.isBareSlug(item.get(ArticleItems.KEY).s()));
    }

    public Summary run() {
        int articles = 0;
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(r -> r.tableName(articlesTable)).items()) {
            String key = item.get(ArticleItems.KEY).s();
            if (ArticleItems.isBareSlug(key)) {
                moveArticle(item, key);
                articles++;
            }
        }
        int comments = 0;
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(r -> r.tableName(commentsTable)).items()) {
            String key = item.get(COMMENTS_KEY).s();
            if (ArticleItems.isBareSlug(key)) {
                Map<String, AttributeValue> moved = new HashMap<>(item);
                AttributeValue path = AttributeValue.fromS(SiteLayout.articlePath(key));
                moved.put(COMMENTS_KEY, path);
                putIfAbsent(commentsTable, moved, "commentId");
                dynamo.deleteItem(r -> r.tableName(commentsTable).key(Map.of(COMMENTS_KEY, item.get(COMMENTS_KEY),
                        "commentId", item.get("commentId"))));
                comments++;
            }
        }
        int uploads = 0;
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(r -> r.tableName(uploadsTable)).items()) {
            if (item.containsKey("slug") && !item.containsKey("path")) {
                dynamo.updateItem(r -> r.tableName(uploadsTable).key(Map.of("sourceKey", item.get("sourceKey")))
                        .updateExpression("SET #path = :path REMOVE #slug")
                        .expressionAttributeNames(Map.of("#path", "path", "#slug", "slug"))
                        .expressionAttributeValues(Map.of(":path", AttributeValue.fromS(SiteLayout.articlePath(item.get("slug").s())))));
                uploads++;
            }
        }
        List<WriteRequest> deletes = dynamo.scanPaginator(r -> r.tableName(indexTable).projectionExpression("pk, sk")).items().stream()
                .map(item -> WriteRequest.builder().deleteRequest(d -> d.key(item)).build()).toList();
        DynamoBatches.write(dynamo, indexTable, deletes);
        return new Summary(articles, comments, uploads, deletes.size());
    }

    /**
     * The item again at its slug's default path, one version up so that what is rendered from it
     * supersedes the pages of the old item; then the old item goes. An item already at the path (the
     * article was uploaded again before the migration) stays as it is.
     */
    private void moveArticle(Map<String, AttributeValue> item, String slug) {
        Map<String, AttributeValue> moved = new HashMap<>(item);
        moved.put(ArticleItems.KEY, AttributeValue.fromS(SiteLayout.articlePath(slug)));
        moved.put("articleSlug", AttributeValue.fromS(slug));
        moved.put(ArticleItems.VERSION, AttributeValue.fromN(Long.toString(Long.parseLong(item.get(ArticleItems.VERSION).n()) + 1)));
        putIfAbsent(articlesTable, moved, ArticleItems.KEY);
        dynamo.deleteItem(r -> r.tableName(articlesTable).key(Map.of(ArticleItems.KEY, item.get(ArticleItems.KEY))));
    }

    private void putIfAbsent(String table, Map<String, AttributeValue> item, String keyAttribute) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(#k)")
                    .expressionAttributeNames(Map.of("#k", keyAttribute)));
        } catch (ConditionalCheckFailedException alreadyThere) {
            // Moved by an earlier run, or written there since: what is there is newer.
        }
    }
}
