package dev.newsroom.comments;

import dev.newsroom.core.store.ArticleStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What staff do with comments: read the queues, search, see a commenter's history, approve, reject,
 * mark as spam, delete, feature, reply as staff, ban or suspend a commenter, erase a commenter, and
 * import the comments a site had before it moved.
 */
final class Moderation {

    static final Set<String> QUEUES = Set.of(Comment.PENDING, Comment.REPORTED, Comment.APPROVED, Comment.REJECTED, Comment.SPAM);
    /** The longest reason a moderator may give. */
    static final int MAX_REASON = 500;
    /** The longest suspension, in days; a longer one is a ban. */
    static final int MAX_SUSPENSION_DAYS = 3650;
    /** How many of a commenter's comments their history reads, and how many it lists. */
    static final int HISTORY_READ = 100;
    static final int HISTORY_LISTED = 10;
    /** How many comments a page of the text search reads from the table. */
    static final int SEARCH_READ = 500;
    /** The shortest text the desk searches for. */
    static final int MIN_SEARCH = 2;

    private final CommentStore comments;
    private final ClientLimits limits;
    private final Cursors cursors;
    private final Signer signer;
    private final ArticleStore articles;
    private final Clock clock;

    Moderation(CommentStore comments, ClientLimits limits, Cursors cursors, Signer signer, ArticleStore articles, Clock clock) {
        this.comments = comments;
        this.limits = limits;
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
        int stored = comments.addAll(imported);
        return new Imported(stored, imported.size() - stored);
    }

    /**
     * A page of comments as the desk shows them: with each article's title, and each commenter's
     * history (how many of their other comments each status holds) by {@code article + " " + id}.
     */
    record DeskListing(CommentsService.Listing listing, Map<String, String> titles, Map<String, Map<String, Integer>> histories) {
    }

    DeskListing queue(String queue, Optional<String> cursor, Optional<String> limit) {
        if (!QUEUES.contains(queue)) {
            throw ApiError.of(ErrorKind.INVALID_QUEUE);
        }
        String listing = "moderation " + queue;
        CommentStore.Page page = comments.queue(queue, CommentsService.pageSize(limit), cursor.map(c -> cursors.decode(listing, c)));
        return forDesk(new CommentsService.Listing(page.comments(), page.next().map(next -> cursors.encode(listing, next))));
    }

    /** The page with its articles' titles and its commenters' histories, each commenter's read once. */
    private DeskListing forDesk(CommentsService.Listing listing) {
        Map<String, String> titles = articles.titles(listing.comments().stream().map(Comment::article).toList());
        Map<String, Map<String, String>> byCommenter = new java.util.HashMap<>();
        Map<String, Map<String, Integer>> histories = new java.util.HashMap<>();
        for (Comment c : listing.comments()) {
            c.emailHash().ifPresent(hash -> histories.put(c.article() + " " + c.id(),
                    counts(byCommenter.computeIfAbsent(hash, h -> comments.statusesOf(h, HISTORY_READ)), c)));
        }
        return new DeskListing(listing, titles, histories);
    }

    /** How many of a commenter's comments each status holds, {@code comment} aside. */
    private static Map<String, Integer> counts(Map<String, String> statuses, Comment comment) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        statuses.forEach((key, status) -> {
            if (!key.equals(comment.article() + " " + comment.id())) {
                counts.merge(status, 1, Integer::sum);
            }
        });
        return counts;
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

    /** Features an approved comment on its page ({@code featured}), or stops featuring it. */
    void feature(Staff staff, String article, String id, boolean featured) {
        if (!comments.feature(article, id, featured, new Comment.Decision(staff.username(), clock.instant(),
                featured ? "feature" : "unfeature", Optional.empty()))) {
            throw ApiError.of(ErrorKind.COMMENT_NOT_FOUND);
        }
    }

    /**
     * A staff member's reply to an approved comment: published at once, marked as staff's on the page,
     * under the name they give (else their account's). Readers cannot write such a comment: the
     * mark is set here only.
     */
    String reply(Staff staff, String article, String parentId, Map<String, String> request) {
        String body = TextRules.paragraphs(request.getOrDefault("body", ""));
        String name = TextRules.line(request.getOrDefault("name", "")).isEmpty() ? staff.username() : TextRules.line(request.get("name"));
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        if (body.isEmpty()) {
            errors.put("body", "Please enter your comment!");
        } else if (TextRules.length(body) > CommentRules.MAX_BODY) {
            errors.put("body", "A reply can be at most " + CommentRules.MAX_BODY + " characters.");
        }
        if (TextRules.length(name) > CommentRules.MAX_NAME) {
            errors.put("name", "A name can be at most " + CommentRules.MAX_NAME + " characters.");
        }
        if (!errors.isEmpty()) {
            throw ApiError.of(ErrorKind.VALIDATION_FAILED, errors);
        }
        comments.find(article, parentId).filter(c -> c.status().equals(Comment.APPROVED))
                .orElseThrow(() -> ApiError.of(ErrorKind.COMMENT_NOT_FOUND));
        Instant now = clock.instant();
        String id = Comment.newId(now);
        comments.addAll(List.of(new Comment(article, id, Comment.APPROVED, name, Optional.empty(), body, Optional.of(parentId), now,
                Optional.empty(), Optional.empty(), "", Optional.empty(), false, Optional.empty(), Comment.Reports.NONE,
                List.of(new Comment.Decision(staff.username(), now, "reply", Optional.empty())), new Comment.Badges(true, false))));
        return id;
    }

    /**
     * Bans the commenter of a comment, by their email's hash and their address's, for {@code days}
     * (a suspension) or for good; the ban is recorded on the comment.
     */
    void ban(Staff staff, String article, String id, Optional<String> days, Optional<String> reason) {
        Optional<Integer> period = days.map(text -> {
            try {
                int n = Integer.parseInt(text.strip());
                if (n >= 1 && n <= MAX_SUSPENSION_DAYS) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw ApiError.of(ErrorKind.VALIDATION_FAILED, Map.of("days", "A suspension lasts from 1 to " + MAX_SUSPENSION_DAYS + " days."));
        });
        Instant now = clock.instant();
        List<String> hashes = commenter(article, id);
        limits.ban(hashes, period.map(n -> now.plus(Duration.ofDays(n))), staff.username());
        String what = period.map(n -> "suspend for " + n + (n == 1 ? " day" : " days")).orElse("ban");
        comments.recordBan(article, id, hashes, new Comment.Decision(staff.username(), now, what, reason(reason)));
    }

    /** Lifts the ban applied from this comment (or, if none was, any ban of its commenter). */
    void unban(Staff staff, String article, String id) {
        Set<String> keys = comments.bannedKeys(article, id).orElseGet(() -> Set.copyOf(commenter(article, id)));
        limits.lift(keys);
        if (!comments.recordLift(article, id, new Comment.Decision(staff.username(), clock.instant(), "lift ban", Optional.empty()))) {
            throw ApiError.of(ErrorKind.COMMENT_NOT_FOUND);
        }
    }

    /** What tells a comment's commenter apart: their email's hash and their address's, whichever the comment still has. */
    private List<String> commenter(String article, String id) {
        Comment comment = comments.find(article, id).orElseThrow(() -> ApiError.of(ErrorKind.COMMENT_NOT_FOUND));
        List<String> hashes = new java.util.ArrayList<>();
        comment.emailHash().ifPresent(hashes::add);
        if (!comment.clientHash().isEmpty()) {
            hashes.add(comment.clientHash());
        }
        if (hashes.isEmpty()) {
            throw ApiError.of(ErrorKind.VALIDATION_FAILED, "This commenter cannot be told apart.",
                    Map.of("comment", "It has no email and no address left (imported, erased or staff's)."));
        }
        return hashes;
    }

    /** A commenter's other comments, by their email: how many, and how each was decided. */
    record History(boolean known, Map<String, Integer> counts, List<Comment> recent) {
    }

    History history(String article, String id) {
        Comment comment = comments.find(article, id).orElseThrow(() -> ApiError.of(ErrorKind.COMMENT_NOT_FOUND));
        if (comment.emailHash().isEmpty()) {
            return new History(false, Map.of(), List.of());
        }
        List<Comment> others = comments.byCommenter(comment.emailHash().get(), HISTORY_READ).stream()
                .filter(c -> !c.id().equals(id) || !c.article().equals(article)).toList();
        Map<String, Integer> counts = new java.util.TreeMap<>();
        others.forEach(c -> counts.merge(c.status(), 1, Integer::sum));
        return new History(true, counts, others.subList(0, Math.min(HISTORY_LISTED, others.size())));
    }

    /** What the desk searches by. */
    enum SearchBy {
        TEXT, EMAIL, ARTICLE
    }

    /**
     * Comments by their name or text, their commenter's email, or their article (a path, or the
     * page's address on the site): one page, with a cursor when there is more to look through.
     */
    DeskListing search(String by, String query, Optional<String> cursor, Optional<String> limit, String siteOrigin) {
        SearchBy kind;
        try {
            kind = SearchBy.valueOf(by.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.of(ErrorKind.VALIDATION_FAILED, Map.of("by", "Search by text, email or article."));
        }
        int size = CommentsService.pageSize(limit);
        return forDesk(switch (kind) {
            case EMAIL -> {
                // A commenter's newest comments, as many as a page holds: their history, not a listing to page through.
                String email = query.strip().toLowerCase(Locale.ROOT);
                if (email.isEmpty() || email.length() > CommentRules.MAX_EMAIL) {
                    throw ApiError.of(ErrorKind.VALIDATION_FAILED, Map.of("q", "Give the commenter's email."));
                }
                yield new CommentsService.Listing(comments.byCommenter(signer.hash("email", email), size), Optional.empty());
            }
            case ARTICLE -> {
                String path = ArticleAddress.path(query, siteOrigin, "q");
                String listing = "article " + path;
                CommentStore.Page page = comments.ofArticle(path, size, cursor.map(c -> cursors.decode(listing, c)));
                yield new CommentsService.Listing(page.comments(), page.next().map(next -> cursors.encode(listing, next)));
            }
            case TEXT -> {
                String words = TextRules.searchable(query);
                if (TextRules.length(words) < MIN_SEARCH) {
                    throw ApiError.of(ErrorKind.VALIDATION_FAILED, Map.of("q", "Give at least " + MIN_SEARCH + " letters or digits."));
                }
                String listing = "text " + words;
                CommentStore.Page page = comments.search(words, size, SEARCH_READ, cursor.map(c -> cursors.decode(listing, c)));
                yield new CommentsService.Listing(page.comments(), page.next().map(next -> cursors.encode(listing, next)));
            }
        });
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
