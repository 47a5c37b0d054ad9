package dev.newsroom.core.article;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An article as kept in the articles table: the parsed article with its rendered body (so pages can
 * be rendered again without the source), where it came from, and its optimistic-locking version.
 *
 * @param sequencer   the normalised S3 sequencer of the upload this state came from
 * @param contentHash SHA-256 of the uploaded bytes
 * @param comments    how many approved comments it has, as its listings' teasers show (the comment
 *                    pages function counts them as they change, and an upload as it publishes)
 */
public record StoredArticle(Article article, ArticleStatus status, long version, String sourceKey,
                            String sequencer, String contentHash, Instant createdAt, Instant storedAt, int comments) {

    /** The article's public URL path, its identity. */
    public String path() {
        return article.path();
    }

    /** The next state of this item: same creation time, one version up. */
    public StoredArticle next(Article newArticle, ArticleStatus newStatus, String newSourceKey, String newSequencer,
                              String newContentHash, Instant now) {
        return new StoredArticle(newArticle, newStatus, version + 1, newSourceKey, newSequencer, newContentHash,
                createdAt, now, comments);
    }

    /**
     * The article of an upload of the same file that follows this state, as it is to be stored: with
     * no {@code updated} date of its own, it is updated at {@code now} if its file changed while the
     * article was public, and keeps the date this state had otherwise (the same file read again, or
     * edits before it went public), so readers, feeds and sitemaps see a correction's date without an
     * editor writing one.
     */
    public Article revisedBy(Article upload, String uploadHash, Instant now) {
        ArticleMetadata meta = upload.metadata().withCorrections(datedSince(upload.metadata().corrections(), now));
        if (meta.updated().isEmpty()) {
            boolean changedWhilePublic = status == ArticleStatus.PUBLISHED && !contentHash.equals(uploadHash);
            meta = meta.withUpdated(changedWhilePublic ? Optional.of(now) : article.metadata().updated());
        }
        return upload.withMetadata(meta);
    }

    /** An upload's first state: its corrections without a date of their own are dated {@code now}. */
    public static Article firstUpload(Article upload, Instant now) {
        return upload.withMetadata(upload.metadata().withCorrections(upload.metadata().corrections().stream()
                .map(c -> c.at().isPresent() ? c : c.dated(now)).toList()));
    }

    /** Corrections without a date of their own keep the one this state gave the same note, or are dated {@code now}, when they appeared. */
    private List<Correction> datedSince(List<Correction> corrections, Instant now) {
        Map<String, Instant> known = new HashMap<>();
        article.metadata().corrections().forEach(c -> c.at().ifPresent(at -> known.putIfAbsent(c.text(), at)));
        return corrections.stream().map(c -> c.at().isPresent() ? c : c.dated(known.getOrDefault(c.text(), now))).toList();
    }

    /** This state, with {@code count} approved comments: what an upload stores, counted as it publishes. */
    public StoredArticle counting(int count) {
        return new StoredArticle(article, status, version, sourceKey, sequencer, contentHash, createdAt, storedAt, count);
    }

    /** The next state of this item with {@code count} approved comments, and nothing else changed. */
    public StoredArticle withComments(int count, Instant now) {
        return new StoredArticle(article, status, version + 1, sourceKey, sequencer, contentHash, createdAt, now, count);
    }

    public static StoredArticle first(Article article, ArticleStatus status, String sourceKey, String sequencer,
                                      String contentHash, Instant now) {
        return new StoredArticle(article, status, 1, sourceKey, sequencer, contentHash, now, now, 0);
    }
}
