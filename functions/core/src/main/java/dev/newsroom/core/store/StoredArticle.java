package dev.newsroom.core.store;

import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.RelatedArticle;
import java.time.Instant;
import java.util.List;

/**
 * An article as kept in the articles table: the parsed article with its rendered body (so pages can
 * be rendered again without the source), where it came from, and its optimistic-locking version.
 *
 * @param sequencer   the normalised S3 sequencer of the upload this state came from
 * @param contentHash SHA-256 of the uploaded bytes
 * @param related     the "More articles" list; kept across republishing
 */
public record StoredArticle(Article article, ArticleStatus status, long version, String sourceKey,
                            String sequencer, String contentHash, List<RelatedArticle> related,
                            Instant createdAt, Instant storedAt) {

    public StoredArticle {
        related = List.copyOf(related);
    }

    public String slug() {
        return article.slug();
    }

    /** The next state of this item: same related list and creation time, one version up. */
    public StoredArticle next(Article newArticle, ArticleStatus newStatus, String newSourceKey, String newSequencer,
                              String newContentHash, Instant now) {
        return new StoredArticle(newArticle, newStatus, version + 1, newSourceKey, newSequencer, newContentHash,
                related, createdAt, now);
    }

    public static StoredArticle first(Article article, ArticleStatus status, String sourceKey, String sequencer,
                                      String contentHash, Instant now) {
        return new StoredArticle(article, status, 1, sourceKey, sequencer, contentHash, List.of(), now, now);
    }
}
