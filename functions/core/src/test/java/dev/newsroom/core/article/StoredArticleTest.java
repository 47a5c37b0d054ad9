package dev.newsroom.core.article;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsroom.core.render.SamplePages;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoredArticleTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    /** A count of comments is a new version with nothing else changed; an upload after it keeps it. */
    @Test
    void theCommentCountIsANewVersionThatAnUploadKeeps() throws Exception {
        StoredArticle first = StoredArticle.first(SamplePages.full(), ArticleStatus.PUBLISHED, "articles/a.md", "01", "h1", T);
        StoredArticle counted = first.withComments(4, T.plusSeconds(60));
        assertEquals(2, counted.version());
        assertEquals(4, counted.comments());
        assertEquals(first.article(), counted.article());
        assertEquals(first.contentHash(), counted.contentHash());

        StoredArticle uploaded = counted.next(SamplePages.full(), ArticleStatus.PUBLISHED, "articles/a.md", "02", "h2", T.plusSeconds(120));
        assertEquals(4, uploaded.comments(), "the upload keeps the count");
        assertEquals(3, uploaded.version());
    }

    private static Article withoutUpdated() throws Exception {
        Article full = SamplePages.full();
        return full.withMetadata(full.metadata().withUpdated(Optional.empty()));
    }

    @Test
    void aFileChangedWhileItsArticleIsPublicIsUpdatedThenUnlessItSaysOtherwise() throws Exception {
        StoredArticle live = StoredArticle.first(withoutUpdated(), ArticleStatus.PUBLISHED, "articles/a.md", "01", "h1", T);
        Instant later = T.plusSeconds(86_400 * 3);
        assertEquals(Optional.of(later), live.revisedBy(withoutUpdated(), "h2", later).metadata().updated(), "its text changed: updated now");
        assertEquals(later, live.revisedBy(withoutUpdated(), "h2", later).metadata().modified(), "which dateModified and lastmod say");
        assertEquals(Optional.empty(), live.revisedBy(withoutUpdated(), "h1", later).metadata().updated(),
                "the same file read again (a new configuration, its time come) is no update");

        Instant written = T.plusSeconds(3600);
        Article saysItself = withoutUpdated().withMetadata(withoutUpdated().metadata().withUpdated(Optional.of(written)));
        assertEquals(Optional.of(written), live.revisedBy(saysItself, "h2", later).metadata().updated(), "the front matter's own date wins");

        StoredArticle updated = live.next(live.revisedBy(withoutUpdated(), "h2", later), ArticleStatus.PUBLISHED, "articles/a.md", "02", "h2", later);
        assertEquals(Optional.of(later), updated.revisedBy(withoutUpdated(), "h2", later.plusSeconds(60)).metadata().updated(),
                "read again unchanged, it keeps the date it was updated");

        StoredArticle embargoed = StoredArticle.first(withoutUpdated(), ArticleStatus.SCHEDULED, "articles/a.md", "01", "h1", T);
        assertEquals(Optional.empty(), embargoed.revisedBy(withoutUpdated(), "h2", later).metadata().updated(),
                "edits before it went public are no update");
    }
}
