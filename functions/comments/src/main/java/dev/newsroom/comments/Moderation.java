package dev.newsroom.comments;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What editors do with comments: read the queues, approve, mark as spam, delete, erase a commenter. */
final class Moderation {

    static final Set<String> QUEUES = Set.of(Comment.PENDING, Comment.SPAM);

    private final CommentStore comments;
    private final Cursors cursors;
    private final Signer signer;

    Moderation(CommentStore comments, Cursors cursors, Signer signer) {
        this.comments = comments;
        this.cursors = cursors;
        this.signer = signer;
    }

    CommentsService.Listing queue(String queue, Optional<String> cursor, Optional<String> limit) {
        if (!QUEUES.contains(queue)) {
            throw ApiError.of(ErrorKind.INVALID_QUEUE);
        }
        String listing = "moderation " + queue;
        CommentStore.Page page = comments.queue(queue, CommentsService.pageSize(limit), cursor.map(c -> cursors.decode(listing, c)));
        return new CommentsService.Listing(page.comments(), page.next().map(next -> cursors.encode(listing, next)));
    }

    void setStatus(String article, String id, String status) {
        if (!comments.setStatus(article, id, status)) {
            throw ApiError.of(ErrorKind.COMMENT_NOT_FOUND);
        }
    }

    void delete(String article, String id) {
        if (!comments.delete(article, id)) {
            throw ApiError.of(ErrorKind.COMMENT_NOT_FOUND);
        }
    }

    /** Erasure on request (H7): the commenter's email and client hash leave every comment of theirs. */
    int erase(String email) {
        String normalised = email.strip().toLowerCase(Locale.ROOT);
        if (normalised.isEmpty() || normalised.length() > CommentRules.MAX_EMAIL) {
            throw ApiError.of(ErrorKind.VALIDATION_FAILED, "Give the commenter's email.",
                    Map.of("email", "Please enter a valid email address."));
        }
        return comments.erase(signer.hash("email", normalised));
    }
}
