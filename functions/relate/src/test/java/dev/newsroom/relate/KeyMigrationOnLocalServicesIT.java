package dev.newsroom.relate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.store.ArticleItems;
import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A site stored before articles were keyed by their paths: an article, its comment, its upload's
 * record and the index as they were then, all under the article's slug, moved by {@link KeyMigration}
 * and rebuilt, on DynamoDB Local and S3Proxy.
 */
@ExtendWith(LocalServicesExtension.class)
class KeyMigrationOnLocalServicesIT {

    private final Provisioned local;

    KeyMigrationOnLocalServicesIT(Provisioned local) {
        this.local = local;
    }

    @Test
    void movesWhatWasStoredUnderASlugToItsPathAndRebuildsTheIndex_A15() {
        RelateWorld world = RelateWorld.withSiteOfItsOwn(local);
        DynamoDbClient dynamo = world.local.services().dynamoDb();
        world.publish("fresh", 2, "city", "amara", "tram");
        StoredArticle legacy = world.publish("legacy", 1, "city", "amara", "tram");
        String slug = world.slug("legacy");
        String path = world.path("legacy");
        // The article as it was stored then: under its slug, with no separate slug attribute.
        Map<String, AttributeValue> item = new HashMap<>(ArticleItems.toItem(legacy));
        item.put(ArticleItems.KEY, s(slug));
        item.remove("articleSlug");
        dynamo.putItem(r -> r.tableName(world.local.name("ArticlesTable")).item(item));
        dynamo.deleteItem(r -> r.tableName(world.local.name("ArticlesTable")).key(Map.of(ArticleItems.KEY, s(path))));
        dynamo.putItem(r -> r.tableName(world.local.name("CommentsTable")).item(Map.of("slug", s(slug), "commentId", s("0001764000000000-0a0b0c0d"),
                "approvedSlug", s(slug), "status", s("approved"), "name", s("Rosa"), "body", s("Kept."),
                "createdAt", s("2026-11-24T00:00:00Z"), "clientHash", s("c"))));
        dynamo.putItem(r -> r.tableName(world.local.name("UploadsTable")).item(Map.of("sourceKey", s("articles/" + slug + ".md"),
                "slug", s(slug), "outcome", s("published"))));
        dynamo.putItem(r -> r.tableName(world.local.name("IndexTable")).item(Map.of("pk", s("all"), "sk", s("2026-11-23T12:00:00.000Z#" + slug),
                "slug", s(slug))));
        var migration = new KeyMigration(dynamo, world.local.name("ArticlesTable"), world.local.name("CommentsTable"),
                world.local.name("UploadsTable"), world.local.name("IndexTable"));
        assertTrue(migration.needed());

        KeyMigration.Summary moved = migration.run();
        LiveRebuild.create(world.config, world.local.services().s3(), dynamo, Clock.systemUTC()).run(new PrintStream(OutputStream.nullOutputStream()));

        assertEquals(new KeyMigration.Summary(1, 1, 1, 1), moved);
        StoredArticle migrated = world.articles.find(path).orElseThrow();
        assertEquals(legacy.version() + 1, migrated.version(), "one version up, so its pages supersede the old ones");
        assertEquals(slug, migrated.article().metadata().slug());
        assertEquals(legacy.article().bodyHtml(), migrated.article().bodyHtml());
        assertTrue(dynamo.getItem(r -> r.tableName(world.local.name("ArticlesTable")).key(Map.of(ArticleItems.KEY, s(slug)))).item().isEmpty());
        assertEquals(1, new dev.newsroom.core.store.DiscussionStore(dynamo, world.local.name("CommentsTable")).discussion(path).count(),
                "still shown to readers, now under the path");
        var upload = dynamo.getItem(r -> r.tableName(world.local.name("UploadsTable")).key(Map.of("sourceKey", s("articles/" + slug + ".md")))).item();
        assertEquals(path, upload.get("path").s());
        assertFalse(upload.containsKey("slug"));
        assertEquals(2, world.listingStore.newest(ListingKey.category(world.slug("city")), 10).size(), "the index holds both, rebuilt");
        assertEquals(java.util.List.of(world.path("fresh")), world.related("legacy").stream().map(world::path).toList());
        assertTrue(world.articlePage("legacy").orElseThrow().contains("fresh story"), "its page shows its list");

        assertFalse(migration.needed());
        assertEquals(new KeyMigration.Summary(0, 0, 0, world.local.services().dynamoDb().scan(r -> r.tableName(world.local.name("IndexTable"))).count()),
                migration.run(), "a second run moves nothing");
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
