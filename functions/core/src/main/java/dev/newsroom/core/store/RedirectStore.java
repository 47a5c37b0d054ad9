package dev.newsroom.core.store;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The redirects table: each old address ({@code from}, an {@link dev.newsroom.core.site.OldUrls} key)
 * with the article path it answers 301 with ({@code to}), and why: the article's alias, or the path
 * it had before it moved. Publishing writes it; its stream keeps the CDN's key-value store the same.
 */
public final class RedirectStore {

    public static final String KEY = "from";
    public static final String TARGET = "to";
    static final String KIND = "kind";
    /** The index of the redirects to one article, so they follow it when it moves and go when it goes. */
    static final String BY_TARGET = "byTarget";

    /** Why an old address redirects. */
    public enum Kind {
        /** The article's front matter names it in {@code aliases}. */
        ALIAS,
        /** The article was there before its {@code url} changed. */
        MOVED
    }

    public record Redirect(String from, String to, Kind kind) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public RedirectStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<Redirect> find(String from) {
        return Lookups.item(dynamo, table, KEY, from).map(RedirectStore::redirect);
    }

    /** The redirects to an article, as the index has them (eventually consistent). */
    public List<Redirect> to(String path) {
        return DynamoBatches.query(dynamo, QueryRequest.builder().tableName(table).indexName(BY_TARGET)
                .keyConditionExpression("#to = :to")
                .expressionAttributeNames(Map.of("#to", TARGET))
                .expressionAttributeValues(Map.of(":to", AttributeValue.fromS(path))).build(), Integer.MAX_VALUE)
                .stream().map(RedirectStore::redirect).toList();
    }

    /**
     * Makes {@code from} an alias of the article at {@code to}, unless it is another article's
     * alias; an address an article moved from gives way. True if the alias is the article's now.
     */
    public boolean claimAlias(String from, String to) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(item(new Redirect(from, to, Kind.ALIAS)))
                    .conditionExpression("attribute_not_exists(#from) OR #to = :to OR #kind = :moved")
                    .expressionAttributeNames(Map.of("#from", KEY, "#to", TARGET, "#kind", KIND))
                    .expressionAttributeValues(Map.of(":to", AttributeValue.fromS(to),
                            ":moved", AttributeValue.fromS(name(Kind.MOVED)))));
            return true;
        } catch (ConditionalCheckFailedException anotherArticlesAlias) {
            return false;
        }
    }

    /** Writes a redirect whatever was there: the caller has decided it is this article's. */
    public void put(Redirect redirect) {
        dynamo.putItem(r -> r.tableName(table).item(item(redirect)));
    }

    /** Removes the redirect at {@code from} if it still leads to {@code to}. */
    public void release(String from, String to) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(Map.of(KEY, AttributeValue.fromS(from)))
                    .conditionExpression("#to = :to")
                    .expressionAttributeNames(Map.of("#to", TARGET))
                    .expressionAttributeValues(Map.of(":to", AttributeValue.fromS(to))));
        } catch (ConditionalCheckFailedException goneOrTakenOver) {
            // Another article holds it now, or nothing does: either way it no longer leads here.
        }
    }

    private static Map<String, AttributeValue> item(Redirect redirect) {
        return Map.of(KEY, AttributeValue.fromS(redirect.from()), TARGET, AttributeValue.fromS(redirect.to()),
                KIND, AttributeValue.fromS(name(redirect.kind())));
    }

    private static String name(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static Redirect redirect(Map<String, AttributeValue> item) {
        return new Redirect(item.get(KEY).s(), item.get(TARGET).s(), Kind.valueOf(item.get(KIND).s().toUpperCase(Locale.ROOT)));
    }
}
