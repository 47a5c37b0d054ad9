package dev.newsroom.comments;

import dev.newsroom.core.store.ArticleStore;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What editors do with comments: read the queues, approve, mark as spam, delete, erase a commenter,
 * and import the comments a site had before it moved.
 */
final class Moderation {

    static final Set<String> QUEUES = Set.of(Comment.PENDING, Comment.REPORTED, Comment.REJECTED, Comment.SPAM);
    /** The longest reason a moderator may give. */
    static final int MAX_REASON = 500;

    private final CommentStore comments;
    private final Cursors cursors;
    private final Signer signer;
    private final ArticleStore articles;
    private final Clock clock;

    Moderation(CommentStore comments, Cursors cursors, Signer signer, ArticleStore articles, Clock clock) {
        this.comments = comments;
        this.cursors = cursors;
        this.signer = signer;
        this.articles = articles;
        this.clock = clock;
    }

    /** How many comments an import stored, and how many were there already from an earlier one. */
    record Imported(int stored, int alreadyThere) {
    }

    /** Stores the comments the article at {@code path} had on the site it moved from ({@link CommentImport}). */
    Imported importComments(String path, List<Map<String, String>> entries) {
        articles.find(path).orElseThrow(() -> ApiError.of(ErrorKind.ARTICLE_NOT_FOUND));
        List<Comment> imported = new CommentImport(signer).comments(path, entries, clock.instant());
        int stored = comments.addImported(imported);
        return new Imported(stored, imported.size() - stored);
    }

    CommentsService.Listing queue(String queue, Optional<String> cursor, Optional<String> limit) {
        if (!QUEUES.contains(queue)) {
            throw ApiError.of(ErrorKind.INVALID_QUEUE);
        }
        String listing = "moderation " + queue;
        CommentStore.Page page = comments.queue(queue, CommentsService.pageSize(limit), cursor.map(c -> cursors.decode(listing, c)));
        return new CommentsService.Listing(page.comments(), page.next().map(next -> cursors.encode(listing, next)));
    }

    /** A decision that moves a comment to {@code status}, recorded with who took it and why ({@code reason} required for a rejection). */
    void decide(Staff staff, String article, String id, String status, Optional<String> reason) {
        Optional<String> why = reason(reason);
        if (status.equals(Comment.REJECTED) && why.isEmpty()) {
            throw ApiError.of(ErrorKind.VALIDATION_FAILED, Map.of("reason", "Say why it is rejected."));
        }
        String action = status.equals(Comment.APPROVED) ? "approve" : status.equals(Comment.SPAM) ? "spam" : "reject";
        if (!comments.setStatus(article, id, status, new Comment.Decision(staff.username(), clock.instant(), action, why))) {
            throw ApiError.of(ErrorKind.COMMENT_NOT_FOUND);
        }
    }

    /** Deletes a comment; the record of who deleted it, when and why stays, without the comment's text. */
    void delete(Staff staff, String article, String id, Optional<String> reason) {
        if (!comments.delete(article, id, new Comment.Decision(staff.username(), clock.instant(), "delete", reason(reason)))) {
            throw ApiError.of(ErrorKind.COMMENT_NOT_FOUND);
        }
    }

    private static Optional<String> reason(Optional<String> reason) {
        Optional<String> text = reason.map(TextRules::line).filter(r -> !r.isEmpty());
        if (text.isPresent() && TextRules.length(text.get()) > MAX_REASON) {
            throw ApiError.of(ErrorKind.FIELD_TOO_LONG, Map.of("reason", "A reason can be at most " + MAX_REASON + " characters."));
        }
        return text;
    }

    /** Erasure on request (H7): the commenter's email and client hash leave every comment of theirs. */
    int erase(Staff staff, String email) {
        String normalised = email.strip().toLowerCase(Locale.ROOT);
        if (normalised.isEmpty() || normalised.length() > CommentRules.MAX_EMAIL) {
            throw ApiError.of(ErrorKind.VALIDATION_FAILED, "Give the commenter's email.",
                    Map.of("email", "Please enter a valid email address."));
        }
        return comments.erase(signer.hash("email", normalised), new Comment.Decision(staff.username(), clock.instant(), "erase",
                Optional.of("erasure on request")));
    }
}
