package dev.newsroom.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.render.SamplePages;
import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The storage adapters against DynamoDB Local and S3Proxy, with the tables template.yaml declares. */
@ExtendWith(LocalServicesExtension.class)
class StoresOnLocalServicesIT {

    private final Provisioned local;
    private final String id = UUID.randomUUID().toString().substring(0, 8);

    StoresOnLocalServicesIT(Provisioned local) {
        this.local = local;
    }

    private ArticleStore articles() {
        return new ArticleStore(local.services().dynamoDb(), local.name("ArticlesTable"));
    }

    private StoredArticle stored(Article article) {
        return StoredArticle.first(article, ArticleStatus.PUBLISHED, "articles/" + id + ".md",
                Sequencer.normalise("01"), "hash", Instant.parse("2026-11-24T10:00:00Z"));
    }

    @Test
    void roundTripsEveryField() throws Exception {
        Article article = SamplePages.full();
        StoredArticle first = stored(article);
        assertTrue(articles().save(first));
        assertEquals(Optional.of(first), articles().find(article.path()));
    }

    @Test
    void aWriteDerivedFromAStaleVersionLoses_B1() throws Exception {
        Article article = SamplePages.hostile("x");
        Article renamed = new Article(new dev.newsroom.core.article.ArticleMetadata("/articles/" + id + "-race", id + "-race", "Race",
                article.metadata().published(), Optional.empty(), article.metadata().authors(), article.metadata().category(),
                List.of(), Optional.empty(), Optional.empty(), false, true, Optional.of(dev.newsroom.core.article.PreModeration.FIRST),
                new dev.newsroom.core.article.RelatedChoices(List.of("a", "b"), java.util.Set.of("c")), false, Optional.empty(), Optional.empty(),
                Optional.of(article.metadata().published().plusSeconds(3600)),
                Optional.empty(), List.of(new dev.newsroom.core.article.Correction("Fixed a name.", Optional.of(article.metadata().published())),
                        new dev.newsroom.core.article.Correction("Undated.", Optional.empty()))), "<p>x</p>");
        StoredArticle v1 = stored(renamed);
        assertTrue(articles().save(v1));
        assertFalse(articles().save(v1), "a second first version");
        StoredArticle a = v1.next(renamed, ArticleStatus.PUBLISHED, v1.sourceKey(), Sequencer.normalise("02"), "a", Instant.now());
        StoredArticle b = v1.next(renamed, ArticleStatus.DRAFT, v1.sourceKey(), Sequencer.normalise("03"), "b", Instant.now());
        assertTrue(articles().save(a));
        assertFalse(articles().save(b), "b was derived from v1, which is gone");
        assertEquals("a", articles().find(renamed.path()).orElseThrow().contentHash());
        assertEquals(renamed.metadata(), articles().find(renamed.path()).orElseThrow().article().metadata(), "every field read back as written");
    }

    @Test
    void anImageIsHeldWhileEmbargoedArticlesShowItUntilALiveOneDoes_L9() {
        ImageStore images = new ImageStore(local.services().dynamoDb(), local.name("UploadsTable"));
        String path = "/assets/" + id + "/held.jpg";
        assertFalse(images.held(path), "no record: nothing holds it");
        assertTrue(images.hold(path, "articles/a.md"), "an embargo holds it, before it is even uploaded");
        assertTrue(images.hold(path, "articles/b.md"));
        assertTrue(images.hold(path, "articles/a.md"), "noted once");
        ImageStore.Recorded recorded = images.record(path, Sequencer.normalise("01"),
                new dev.newsroom.core.image.StoredImage(new dev.newsroom.core.image.ImageVariants.Size(800, 600), List.of(480)));
        assertTrue(recorded.held(), "its upload's record says it is held");
        assertTrue(images.release(path, "articles/a.md"), "b still holds it");
        assertTrue(images.release(path, "articles/a.md"), "a let go already");
        assertFalse(images.release(path, "articles/b.md"), "nothing holds it now");
        assertFalse(images.held(path));

        assertTrue(images.hold(path, "articles/c.md"));
        images.shownLive(path);
        assertFalse(images.held(path), "a live article shows what c held: out");
        images.shownLive(path);
        assertFalse(images.hold(path, "articles/d.md"), "out once a live article showed it: no embargo holds it again");
        assertFalse(images.release(path, "articles/c.md"));
        assertTrue(images.find(path).isPresent(), "its size stays through it all");
    }

    @Test
    void anOlderRenderNeverReplacesANewerPage_B2() {
        SiteBucket site = new SiteBucket(local.services().s3(), local.name("SiteBucket"));
        String key = "articles/" + id + "-b2.html";
        String bucket = local.name("SiteBucket");
        assertEquals(SiteBucket.Outcome.WRITTEN, site.writePage(key, "<p>v2</p>", PageVersion.of(2)));
        assertEquals(SiteBucket.Outcome.KEPT_NEWER, site.writePage(key, "<p>v1</p>", new PageVersion(1, 7)),
                "a newer related list of an older article version is still older");
        assertEquals(SiteBucket.Outcome.UNCHANGED, site.writePage(key, "<p>v2 again</p>", PageVersion.of(2)));
        assertEquals("<p>v2</p>", local.services().s3().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String(),
                "the same version is not written twice");
        assertEquals(SiteBucket.Outcome.WRITTEN, site.writePage(key, "<p>v2, list 1</p>", new PageVersion(2, 1)));
        assertEquals(SiteBucket.Outcome.WRITTEN, site.writePage(key, "<p>v3</p>", PageVersion.of(3)));
        assertEquals(Optional.of(PageVersion.of(3)), site.page(key).map(SiteBucket.Page::version));
        assertEquals("<p>v3</p>", local.services().s3().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String());
    }

    @Test
    void aRemovalKeepsANewerPageAndAReplacementNeverBringsBackARemovedOne_B2() {
        SiteBucket site = new SiteBucket(local.services().s3(), local.name("SiteBucket"));
        String key = "tag/" + id + "-gone.html";
        assertEquals(SiteBucket.Outcome.WRITTEN, site.write(key, "<p>v3</p>", SiteBucket.HTML_TYPE, PageVersion.of(3)));
        assertFalse(site.remove(key, PageVersion.of(2)), "rendered from an older state: the newer page stays");
        assertTrue(site.page(key).isPresent());
        assertTrue(site.remove(key, PageVersion.of(4)));
        assertTrue(site.page(key).isEmpty());
        assertFalse(site.remove(key, PageVersion.of(4)), "a replayed removal finds nothing, and that is fine");
        assertEquals(SiteBucket.Outcome.ABSENT, site.replace(key, "<p>v3</p>", SiteBucket.HTML_TYPE, PageVersion.of(3)),
                "an older render still on its way does not bring the page back");
        assertTrue(site.page(key).isEmpty());
        assertEquals(SiteBucket.Outcome.WRITTEN, site.write(key, "<p>v5</p>", SiteBucket.HTML_TYPE, PageVersion.of(5)));
        assertEquals(SiteBucket.Outcome.WRITTEN, site.replace(key, "<p>v6</p>", SiteBucket.HTML_TYPE, PageVersion.of(6)));
    }

    @Test
    void aNewerRenderWithTheSameBytesIsNotWritten() {
        SiteBucket site = new SiteBucket(local.services().s3(), local.name("SiteBucket"));
        String key = "tags/" + id + "-same.html";
        assertEquals(SiteBucket.Outcome.WRITTEN, site.writePage(key, "<p>the same</p>", PageVersion.of(1)));
        String eTag = site.page(key).orElseThrow().eTag();
        assertEquals(SiteBucket.Outcome.UNCHANGED, site.writePage(key, "<p>the same</p>", PageVersion.of(2)));
        assertEquals(eTag, site.page(key).orElseThrow().eTag(), "no second write");
        assertEquals(SiteBucket.Outcome.WRITTEN, site.writePage(key, "<p>changed</p>", PageVersion.of(3)));
        assertEquals(PageVersion.of(3), site.page(key).orElseThrow().version());
        assertEquals(SiteBucket.Outcome.KEPT_NEWER, site.writePage(key, "<p>the same</p>", PageVersion.of(2)),
                "the version guard comes first");
    }

    @Test
    void concurrentRendersEndWithTheNewest_B2() throws Exception {
        SiteBucket site = new SiteBucket(local.services().s3(), local.name("SiteBucket"));
        String key = "articles/" + id + "-b2-race.html";
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var writes = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (long version = 1; version <= 12; version++) {
                long v = version;
                // Page-sized bodies: S3 may refuse a conditional write before reading the body.
                writes.add(pool.submit(() -> site.writePage(key, "<p>v" + v + "</p>" + "x".repeat(30_000), new PageVersion(v / 3, v % 3))));
            }
            for (var write : writes) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Optional.of(new PageVersion(4, 0)), site.page(key).map(SiteBucket.Page::version));
    }

    @Test
    void uploadStatusNeverGoesBackInTime_A2() {
        UploadStore uploads = new UploadStore(local.services().dynamoDb(), local.name("UploadsTable"));
        String key = "articles/" + id + "-status.md";
        uploads.record(new UploadStatus(key, Sequencer.normalise("05"), UploadStatus.PUBLISHED, Optional.of("s"), List.of(), Instant.now()));
        uploads.record(new UploadStatus(key, Sequencer.normalise("04"), UploadStatus.REJECTED, Optional.empty(), List.of("old"), Instant.now()));
        assertEquals(UploadStatus.PUBLISHED, uploads.find(key).orElseThrow().outcome());
        uploads.record(new UploadStatus(key, Sequencer.normalise("06"), UploadStatus.REJECTED, Optional.of("s"), List.of("title: is required"), Instant.now()));
        UploadStatus latest = uploads.find(key).orElseThrow();
        assertEquals(UploadStatus.REJECTED, latest.outcome());
        assertEquals(List.of("title: is required"), latest.problems());
    }
}
