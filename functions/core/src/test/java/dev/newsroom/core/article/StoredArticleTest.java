package dev.newsroom.core.article;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsroom.core.render.SamplePages;
import java.time.Instant;
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
}
