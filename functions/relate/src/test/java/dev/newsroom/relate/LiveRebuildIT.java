package dev.newsroom.relate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.store.PageVersion;
import dev.newsroom.core.store.SiteBucket;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The full rebuild from the live tables, on DynamoDB Local and S3Proxy. */
@ExtendWith(LocalServicesExtension.class)
class LiveRebuildIT {

    private final RelateWorld world;

    LiveRebuildIT(Provisioned local) {
        this.world = new RelateWorld(local);
    }

    @Test
    void fillsTheIndexForArticlesTheStreamNeverSawAndRendersEveryPageAgain() {
        world.publish("one", 3, "city", "amara", "tram");
        world.publish("two", 2, "city", "amara", "tram");
        world.changes(); // published before the relate function existed: the stream is passed over
        var out = new ByteArrayOutputStream();
        var summary = LiveRebuild.create(world.config, world.local.services().s3(), world.local.services().dynamoDb(),
                Clock.fixed(RelateWorld.NOW, ZoneOffset.UTC)).run(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertTrue(summary.articles() >= 2);
        assertEquals(List.of("two"), world.related("one"));
        assertEquals(2, world.listingStore.state(ListingKey.category(world.slug("city"))).count());
        assertTrue(world.page(ListingKey.category(world.slug("city")).path()).orElseThrow().contains("two story"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("pages in all"), "progress is shown");

        var site = new SiteBucket(world.local.services().s3(), world.local.name("SiteBucket"));
        String key = SiteLayout.articleKey(world.path("one"));
        Optional<PageVersion> before = site.page(key).map(SiteBucket.Page::version);
        String etag = world.local.services().s3().headObject(r -> r.bucket(world.local.name("SiteBucket")).key(key)).eTag();
        LiveRebuild.create(world.config, world.local.services().s3(), world.local.services().dynamoDb(),
                Clock.fixed(RelateWorld.NOW, ZoneOffset.UTC)).run(new PrintStream(new ByteArrayOutputStream()));
        assertEquals(before, site.page(key).map(SiteBucket.Page::version), "nothing changed, so the same version");
        assertTrue(world.articlePage("one").orElseThrow().contains("two story"));
        assertTrue(etag.equals(world.local.services().s3().headObject(r -> r.bucket(world.local.name("SiteBucket")).key(key)).eTag()),
                "rendered again with the same templates, the same bytes");
    }
}
