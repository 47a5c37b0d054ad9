package dev.newsroom.core.store;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** The articles table, keyed by slug, with optimistic locking on {@code version}. */
public final class ArticleStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public ArticleStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<StoredArticle> find(String slug) {
        return Lookups.item(dynamo, table, ArticleItems.SLUG, slug).map(ArticleItems::fromItem);
    }

    /**
     * Writes {@code next} only if the stored item is still the version it was derived from.
     * Returns false when another writer got there first: the caller re-reads and decides again (B1).
     */
    public boolean save(StoredArticle next) {
        var request = PutItemRequest.builder().tableName(table).item(ArticleItems.toItem(next));
        if (next.version() == 1) {
            request.conditionExpression("attribute_not_exists(#slug)")
                    .expressionAttributeNames(Map.of("#slug", ArticleItems.SLUG));
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
