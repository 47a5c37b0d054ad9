package dev.newsroom.core.store;

import dev.newsroom.core.article.ArticleStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What became of the latest upload of one source file: the editor-facing record of a publish.
 *
 * @param outcome  published, draft, scheduled (embargoed), expired, withdrawn (taken down), rejected or removed
 * @param path     the path of the article the file publishes, once known
 * @param problems why a rejected upload was rejected, one line per problem
 */
public record UploadStatus(String sourceKey, String sequencer, String outcome, Optional<String> path,
                           List<String> problems, Instant at) {

    public static final String PUBLISHED = "published";
    public static final String DRAFT = "draft";
    public static final String REJECTED = "rejected";
    public static final String REMOVED = "removed";
    public static final String SCHEDULED = "scheduled";
    public static final String EXPIRED = "expired";
    public static final String WITHDRAWN = "withdrawn";

    /** The outcome of an upload stored as {@code status}. */
    public static String of(ArticleStatus status) {
        return switch (status) {
            case PUBLISHED -> PUBLISHED;
            case SCHEDULED -> SCHEDULED;
            case EXPIRED -> EXPIRED;
            case WITHDRAWN -> WITHDRAWN;
            case DRAFT -> DRAFT;
            case UNPUBLISHED -> REMOVED;
        };
    }

    public UploadStatus {
        problems = List.copyOf(problems);
    }
}
