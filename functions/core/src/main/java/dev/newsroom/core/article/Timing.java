package dev.newsroom.core.article;

import java.time.Instant;
import java.util.Optional;

/**
 * When an article is public: from the time it goes public (its publish date, else its date) until
 * its expiry date, if it has one. Before, it is scheduled (embargoed); after, expired. A draft is a
 * draft whatever its dates. The publish function applies this at every upload and again at each
 * time it names, so the time an article changes is the only moment anything acts on it.
 */
public final class Timing {

    private Timing() {
    }

    /** Where the article stands at {@code now}, by its dates. */
    public static ArticleStatus status(ArticleMetadata article, Instant now) {
        if (article.draft()) {
            return ArticleStatus.DRAFT;
        }
        if (now.isBefore(article.goesPublic())) {
            return ArticleStatus.SCHEDULED;
        }
        return article.expires().filter(at -> !now.isBefore(at)).isPresent() ? ArticleStatus.EXPIRED : ArticleStatus.PUBLISHED;
    }

    /** The next time after {@code now} at which {@link #status} changes, if any. */
    public static Optional<Instant> nextChange(ArticleMetadata article, Instant now) {
        if (article.draft()) {
            return Optional.empty();
        }
        if (now.isBefore(article.goesPublic())) {
            return Optional.of(article.goesPublic());
        }
        return article.expires().filter(now::isBefore);
    }
}
