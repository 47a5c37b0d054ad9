package dev.newsroom.core.store;

import static dev.newsroom.core.store.ArticleItems.s;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sign that every page must be rendered again: an item of the articles table whose key no
 * article can have, written by the publish function when a new site configuration changes what
 * every page shows (its menus). Its stream record reaches the relate function, which renders every
 * page once under the configuration then in force, through the same stream as every other change,
 * so nothing it writes can be older than what the stream brought before it.
 */
public final class ShellMarker {

    /** The marker's key: not an article's, whose paths begin with a slash. */
    public static final String KEY = "#shell";

    private final DynamoDbClient dynamo;
    private final String articlesTable;

    public ShellMarker(DynamoDbClient dynamo, String articlesTable) {
        this.dynamo = dynamo;
        this.articlesTable = articlesTable;
    }

    /** Asks for every page under the configuration of {@code settingsVersion}; the same version again changes nothing. */
    public void bump(String settingsVersion) {
        dynamo.putItem(r -> r.tableName(articlesTable).item(Map.of(ArticleItems.KEY, s(KEY), "settings", s(settingsVersion))));
    }

    /** Whether a stream record's keys are the marker's. */
    public static boolean isMarker(Map<String, AttributeValue> keys) {
        AttributeValue key = keys.get(ArticleItems.KEY);
        return key != null && KEY.equals(key.s());
    }
}
