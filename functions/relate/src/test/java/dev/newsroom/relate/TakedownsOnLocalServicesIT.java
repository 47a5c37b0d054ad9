package dev.newsroom.relate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.testkit.LocalCloudFront;
import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A takedown as the relate function sees it: the article's record turns {@code withdrawn}, and
 * the batch that carries it takes it out of every listing, feed and related list at once, burst
 * or not, and invalidates exactly the pages it changed.
 */
@ExtendWith(LocalServicesExtension.class)
class TakedownsOnLocalServicesIT {

    private final Provisioned local;

    TakedownsOnLocalServicesIT(Provisioned local) {
        this.local = local;
    }

    /** The site bucket's keys the function wrote or removed. */
    private static final class Changed implements ExecutionInterceptor {
        final Set<String> keys = ConcurrentHashMap.newKeySet();

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutObjectRequest put) {
                keys.add(put.key());
            } else if (context.request() instanceof DeleteObjectRequest delete) {
                keys.add(delete.key());
            }
        }
    }

    private static RelateWorld nineArticles(RelateWorld world) {
        for (int i = 1; i <= 9; i++) {
            world.publish("n" + i, i, "city", "amara", "tram");
        }
        assertEquals(List.of(), world.relate());
        return world;
    }

    private static List<LocalCloudFront.Invalidation> invalidationsOf(RelateWorld world) {
        return RelateWorld.CLOUD_FRONT.invalidations().stream()
                .filter(i -> i.paths().stream().anyMatch(p -> p.contains(world.id))).toList();
    }

    @Test
    void aTakedownInABurstIsSettledAtOnceAndEveryPageItChangedIsInvalidated_N6() {
        RelateWorld world = nineArticles(new RelateWorld(local));
        assertTrue(world.related("n4").contains("n3"), "n3 is in n4's related list before");
        world.save("n3", 3, "city", "amara", "", ArticleStatus.WITHDRAWN, "tram");
        for (int i = 10; i <= 18; i++) {
            world.publish("n" + i, i, "city", "amara", "tram");
        }
        var changed = new Changed();

        assertEquals(List.of(), world.relate(world.handler(List.of(), List.of(changed))));

        assertEquals(Set.of(), world.waiting(), "ten records, a burst's size, but a takedown waits for nothing");
        assertFalse(world.page(ListingKey.category(world.slug("city")).path()).orElseThrow().contains("n3 story"));
        assertFalse(world.related("n4").contains("n3"));
        assertFalse(world.articlePage("n4").orElseThrow().contains("n3 story"), "nor in any article's More articles");
        Set<String> expected = new TreeSet<>();
        changed.keys.forEach(key -> expected.addAll(SiteLayout.cachedPaths(key)));
        assertTrue(expected.containsAll(SiteLayout.cachedPaths(SiteLayout.articleKey(world.path("n4")))), expected::toString);
        List<LocalCloudFront.Invalidation> made = invalidationsOf(world);
        assertEquals(1, made.size(), "one invalidation for the batch");
        Set<String> invalidated = new TreeSet<>(made.get(0).paths());
        // Shared listings (the home page, feeds) are invalidated too, escaped as requested; this world's pages are plain ASCII.
        assertEquals(expected.stream().filter(p -> p.contains(world.id)).toList(),
                invalidated.stream().filter(p -> p.contains(world.id)).toList());
        assertTrue(invalidated.containsAll(expected.stream().filter(p -> !p.contains(world.id)).toList()));
    }

    @Test
    void aBatchWithoutATakedownInvalidatesNothing() {
        RelateWorld world = nineArticles(new RelateWorld(local));
        world.unpublish("n2");

        assertEquals(List.of(), world.relate());

        assertFalse(world.page(ListingKey.category(world.slug("city")).path()).orElseThrow().contains("n2 story"));
        assertEquals(List.of(), invalidationsOf(world), "an ordinary change reaches readers through the pages' minute of cache");
    }

    @Test
    void aTakedownBatchWhoseInvalidationFailsIsDeliveredAgainFromTheTakedown_N6() {
        RelateWorld world = nineArticles(new RelateWorld(local));
        world.publish("n10", 10, "city", "amara", "tram");
        world.save("n5", 5, "city", "amara", "", ArticleStatus.WITHDRAWN, "tram");
        List<Record> batch = world.changes();
        RelateWorld.CLOUD_FRONT.refuse(10);
        List<String> failed;
        try {
            failed = world.relate(world.handler(), batch);
        } finally {
            RelateWorld.CLOUD_FRONT.refuse(0);
        }

        assertEquals(List.of(batch.get(1).dynamodb().sequenceNumber()), failed, "delivered again from the takedown's record");
        assertEquals(List.of(), invalidationsOf(world));

        assertEquals(List.of(), world.relate(world.handler(), batch.subList(1, batch.size())));

        assertFalse(world.page(ListingKey.category(world.slug("city")).path()).orElseThrow().contains("n5 story"));
        assertEquals(1, invalidationsOf(world).size(), "the retry invalidates the pages the takedown changed");
        assertTrue(invalidationsOf(world).get(0).paths().contains(ListingKey.category(world.slug("city")).path()),
                invalidationsOf(world).get(0)::toString);
    }
}
