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
 * with the path it answers 301 with ({@code to}), and why: an article's alias, the path an article
 * had before it moved, or the site configuration's redirects. Publishing writes it; its stream keeps
 * the CDN's key-value store the same.
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
        MOVED,
        /** {@code site.yaml}'s {@code redirects} name it; an article's redirect there comes first. */
        SITE
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
     * alias; an address an article moved from, or the site configuration's redirect, gives way. True
     * if the alias is the article's now.
     */
    public boolean claimAlias(String from, String to) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(item(new Redirect(from, to, Kind.ALIAS)))
                    .conditionExpression("attribute_not_exists(#from) OR #to = :to OR #kind IN (:moved, :site)")
                    .expressionAttributeNames(Map.of("#from", KEY, "#to", TARGET, "#kind", KIND))
                    .expressionAttributeValues(Map.of(":to", AttributeValue.fromS(to),
                            ":moved", AttributeValue.fromS(name(Kind.MOVED)), ":site", AttributeValue.fromS(name(Kind.SITE)))));
            return true;
        } catch (ConditionalCheckFailedException anotherArticlesAlias) {
            return false;
        }
    }

    /**
     * Makes {@code from} lead to {@code to} for the site's configuration, unless an article's
     * redirect holds it. True if the configuration's redirect is there now.
     */
    public boolean claimForSite(String from, String to) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(item(new Redirect(from, to, Kind.SITE)))
                    .conditionExpression("attribute_not_exists(#from) OR #kind = :site")
                    .expressionAttributeNames(Map.of("#from", KEY, "#kind", KIND))
                    .expressionAttributeValues(Map.of(":site", AttributeValue.fromS(name(Kind.SITE)))));
            return true;
        } catch (ConditionalCheckFailedException anArticlesAddress) {
            return false;
        }
    }

    /** Removes the site configuration's redirect at {@code from}, if it is still one. */
    public void releaseForSite(String from) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(Map.of(KEY, AttributeValue.fromS(from)))
                    .conditionExpression("#kind = :site")
                    .expressionAttributeNames(Map.of("#kind", KIND))
                    .expressionAttributeValues(Map.of(":site", AttributeValue.fromS(name(Kind.SITE)))));
        } catch (ConditionalCheckFailedException anArticlesOrNone) {
            // An article's redirect holds it now, or nothing does: either way it is not the configuration's to remove.
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
