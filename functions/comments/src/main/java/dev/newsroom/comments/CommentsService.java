package dev.newsroom.comments;

import dev.newsroom.core.article.PreModeration;
import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.aws.SnapshotPriming;
import dev.newsroom.core.store.ArticleStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Posting and listing comments: every rule, in the order that keeps abuse cheap. Field rules
 * first (no I/O), then the article, an earlier answer to the same submission (B3, which a retry
 * gets without spending its rate), the client's rate (G3), the captcha (E1–E5), and finally the
 * comment, stored at once with its submission's answer and its body's marker (B4), which refuses a
 * duplicate (D6).
 */
final class CommentsService {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 100;
    private static final Duration DUPLICATE_WINDOW = Duration.ofDays(1);
    /** A link in a comment, whole, as the desk shows what held it. */
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"]*");

    private final CommentsConfig config;
    private final CommentRules rules;
    private final ArticleStore articles;
    private final CommentStore comments;
    private final ClientLimits limits;
    private final SiteverifyClient captcha;
    private final Signer signer;
    private final SiteCommentRules siteRules;
    private final Cursors cursors;
    private final Clock clock;

    CommentsService(CommentsConfig config, ArticleStore articles, CommentStore comments, ClientLimits limits,
                    SiteverifyClient captcha, Signer signer, SiteCommentRules siteRules, Clock clock) {
        this.config = config;
        this.siteRules = siteRules;
        this.rules = new CommentRules(config.staffNames());
        this.articles = articles;
        this.limits = limits;
        this.comments = comments;
        this.captcha = captcha;
        this.signer = signer;
        this.cursors = new Cursors(signer);
        this.clock = clock;
    }

    /**
     * What a post led to: the comment's id and status (approved, pending or spam), and whether it
     * was stored by an earlier request with the same submission, whose answer this repeats.
     */
    record Posted(String id, String status, boolean repeated) {

        boolean published() {
            return status.equals(Comment.APPROVED);
        }

        /** The status the poster is told: a honeypot catch is answered as held, so a bot learns nothing. */
        String answered() {
            return status.equals(Comment.SPAM) ? Comment.PENDING : status;
        }
    }

    /** Warms a comment's path, writing nothing (SnapStart): checks a sample comment, reads an article item, makes the captcha's client. */
    void prime(CommentInput sample) {
        rules.validate(sample);
        articles.find(SnapshotPriming.PATH);
        captcha.prime();
    }

    /**
     * @param fromForm whether it came from the page's form without script, which may come without a
     *                 captcha: then it waits for a moderator, marked so, under a stricter rate limit
     */
    Posted post(String path, CommentInput input, String clientIp, boolean fromForm) {
        ValidComment valid = rules.validate(input);
        Instant now = clock.instant();
        StoredArticle article = openArticle(path, now);
        if (captcha.closedBecause().isPresent()) {
            throw ApiError.of(ErrorKind.POSTING_CLOSED);
        }
        boolean withoutCaptcha = valid.captchaToken().isEmpty();
        if (withoutCaptcha && !fromForm) {
            throw ApiError.of(ErrorKind.CAPTCHA_FAILED);
        }
        String client = signer.hash("client", ReaderAddress.network(clientIp));
        // Without a token, a post is known by its client and its words: the same form sent twice is one comment.
        var submission = new ClientLimits.Submission(Signer.sha256(withoutCaptcha
                ? path + "\nwithout captcha\n" + client + "\n" + valid.fingerprint() : path + "\n" + valid.captchaToken()), valid.fingerprint());
        ClientLimits.Claim claim = withoutCaptcha
                ? limits.claim(submission, "without-captcha#" + client, now, config.withoutCaptchaPerMinute())
                : limits.claim(submission, client, now, config.ratePerMinute());
        if (claim instanceof ClientLimits.Claim.RateLimited) {
            throw ApiError.rateLimited(60 - now.getEpochSecond() % 60);
        }
        if (claim instanceof ClientLimits.Claim.Reused) {
            throw ApiError.of(ErrorKind.IDEMPOTENCY_KEY_REUSED);
        }
        if (claim instanceof ClientLimits.Claim.InProgress) {
            throw ApiError.of(ErrorKind.SUBMISSION_IN_PROGRESS);
        }
        if (claim instanceof ClientLimits.Claim.Answered answered) {
            return new Posted(answered.commentId(), answered.status(), true);
        }
        // Granted or Verified: the claim is this request's attempt. A retry whose earlier copy passed the captcha has the
        // verdict, its token spent.
        ClientLimits.Claim.Held held = (ClientLimits.Claim.Held) claim;
        Optional<Double> score;
        try {
            score = held instanceof ClientLimits.Claim.Verified verified ? verified.score()
                    : checked(valid, client, clientIp, now, withoutCaptcha);
        } catch (ApiError | SdkException refusedOrFault) {
            limits.release(submission.key(), held.attempt()); // the token is unspent, or refused for good
            throw refusedOrFault;
        }
        try {
            return store(article, valid, client, submission, held.attempt(), now, withoutCaptcha, score);
        } catch (ApiError refused) {
            limits.release(submission.key(), held.attempt());
            throw refused;
        } catch (SdkException fault) {
            // The captcha passed and its token is spent: a retry of this POST takes the verdict over (A20).
            if (withoutCaptcha) {
                limits.release(submission.key(), held.attempt());
            } else {
                limits.keepVerified(submission.key(), held.attempt(), score);
            }
            throw fault;
        }
    }

    /** The commenter not banned, and the captcha, if it has one, passed: its score. */
    private Optional<Double> checked(ValidComment valid, String client, String clientIp, Instant now, boolean withoutCaptcha) {
        List<String> commenter = valid.email().map(e -> List.of(client, signer.hash("email", e))).orElse(List.of(client));
        if (limits.ban(commenter, now).isPresent()) {
            throw ApiError.of(ErrorKind.COMMENTER_BANNED);
        }
        if (withoutCaptcha) {
            return Optional.empty();
        }
        CaptchaVerdict verdict = captcha.verify(valid.captchaToken(), clientIp);
        switch (verdict.outcome()) {
            case FAILED -> throw ApiError.of(ErrorKind.CAPTCHA_FAILED);
            case LOW_SCORE -> throw ApiError.of(ErrorKind.CAPTCHA_SCORE);
            case UNAVAILABLE -> throw ApiError.of(ErrorKind.CAPTCHA_UNAVAILABLE);
            default -> { }
        }
        return verdict.score();
    }

    /** The comment whose captcha, if it had one, passed: checked against its thread and rules, and stored. */
    private Posted store(StoredArticle article, ValidComment valid, String client, ClientLimits.Submission submission, String attempt,
                         Instant now, boolean withoutCaptcha, Optional<Double> score) {
        String path = article.article().metadata().path();
        valid.parentId().ifPresent(parent -> {
            if (comments.find(path, parent).filter(c -> c.status().equals(Comment.APPROVED)).isEmpty()) {
                throw ApiError.of(ErrorKind.VALIDATION_FAILED, Map.of("parentId", "The comment you reply to is not there."));
            }
        });
        List<String> links = LINK.matcher(valid.body()).results().map(java.util.regex.MatchResult::group).toList();
        if (links.size() > config.maxLinks()) {
            throw ApiError.of(ErrorKind.TOO_MANY_LINKS, Map.of("body", "A comment can have at most " + config.maxLinks() + " links."));
        }
        Optional<Hold> hold = hold(valid, withoutCaptcha, links, score, article.article().metadata().commentModeration());
        String status = hold.isEmpty() ? Comment.APPROVED : hold.get().spam() ? Comment.SPAM : Comment.PENDING;
        String id = Comment.newId(now);
        Comment comment = new Comment(path, id, status, valid.name(), valid.website(), valid.body(), valid.parentId(), now,
                valid.email(), valid.email().map(e -> signer.hash("email", e)), client, score, withoutCaptcha, hold, Comment.Reports.NONE, List.of(), Comment.Badges.NONE);
        String bodyHash = Signer.sha256(TextRules.comparable(valid.body()));
        switch (comments.add(comment, limits.recordSubmission(submission, attempt, path, id, status, now),
                limits.markBody(path, client, bodyHash, now, DUPLICATE_WINDOW))) {
            case CLAIM_LOST -> throw ApiError.of(ErrorKind.SUBMISSION_IN_PROGRESS);
            case DUPLICATE -> throw ApiError.of(ErrorKind.DUPLICATE_COMMENT);
            case STORED -> { }
        }
        return new Posted(id, status, false);
    }

    /** Why readers may report a comment. */
    static final java.util.Set<String> REPORT_REASONS = java.util.Set.of("spam", "abuse", "off_topic", "other");

    /**
     * A reader's report of an approved comment: counted once per reader, within their reports a
     * minute; enough of them put it in the reported queue. True if this report counted.
     */
    boolean report(String path, String id, CommentInput input, String clientIp) {
        String reason = input.get("reason").map(String::strip).orElse("");
        if (!REPORT_REASONS.contains(reason)) {
            throw ApiError.of(ErrorKind.VALIDATION_FAILED, Map.of("reason", "Say why: spam, abuse, off_topic or other."));
        }
        published(path);
        if (comments.find(path, id).filter(c -> c.status().equals(Comment.APPROVED)).isEmpty()) {
            throw ApiError.of(ErrorKind.COMMENT_NOT_FOUND);
        }
        Instant now = clock.instant();
        switch (limits.claimReport(path, id, signer.hash("client", ReaderAddress.network(clientIp)), now, config.reportsPerMinute())) {
            case RATE_LIMITED -> throw ApiError.rateLimited(60 - now.getEpochSecond() % 60);
            case ALREADY -> {
                return false;
            }
            case COUNTED -> { }
        }
        comments.report(path, id, reason, config.reportsToQueue()).orElseThrow(() -> ApiError.of(ErrorKind.COMMENT_NOT_FOUND));
        return true;
    }

    /** The language of the article at {@code path}, for a page about it; none for the site's own or no article. */
    Optional<String> language(String path) {
        return articles.find(path).flatMap(a -> a.article().metadata().lang());
    }

    /**
     * The first rule that takes the comment for spam or holds it back, in the order they run: the
     * honeypot and banned words (spam), then no captcha, suspect words, links, a low score, and
     * pre-moderation (every comment, or a commenter's until one is approved): the article's own
     * mode, else the site's, else the template's. None publishes it.
     */
    private Optional<Hold> hold(ValidComment valid, boolean withoutCaptcha, List<String> links, Optional<Double> score,
                                Optional<PreModeration> articleModeration) {
        SiteCommentRules.Rules site = siteRules.current();
        String text = valid.name() + "\n" + valid.body();
        if (valid.honeypotFilled()) {
            return Optional.of(new Hold(Hold.HONEYPOT, ""));
        }
        Optional<Hold> banned = site.banned().firstIn(text).map(word -> new Hold(Hold.BANNED_WORD, word));
        if (banned.isPresent()) {
            return banned;
        }
        if (withoutCaptcha) {
            return Optional.of(new Hold(Hold.NO_CAPTCHA, ""));
        }
        Optional<Hold> suspect = site.suspect().firstIn(text).map(word -> new Hold(Hold.SUSPECT_WORD, word));
        if (suspect.isPresent()) {
            return suspect;
        }
        if (!links.isEmpty()) {
            return Optional.of(new Hold(Hold.LINK, links.get(0)));
        }
        Optional<Hold> lowScore = score.filter(s -> s < config.autoApproveScore()).map(s -> new Hold(Hold.SCORE, Double.toString(s)));
        if (lowScore.isPresent()) {
            return lowScore;
        }
        var moderation = articleModeration.or(site.settings()::moderation)
                .orElse(config.autoApprove() ? PreModeration.NONE : PreModeration.ALL);
        return switch (moderation) {
            case ALL -> Optional.of(new Hold(Hold.MANUAL, ""));
            case FIRST -> valid.email().map(e -> comments.hasApproved(signer.hash("email", e))).orElse(false)
                    ? Optional.empty() : Optional.of(new Hold(Hold.FIRST_COMMENT, ""));
            case NONE -> Optional.empty();
        };
    }

    Moderation moderation() {
        return new Moderation(comments, limits, cursors, signer, articles, clock);
    }

    record Listing(List<Comment> comments, Optional<String> nextCursor) {
    }

    Listing list(String path, Optional<String> cursor, Optional<String> limitText) {
        int limit = pageSize(limitText);
        published(path);
        // Not "approved ", as cursors of the removed index were named: theirs hold its keys.
        String listing = "approved comments " + path;
        var from = cursor.map(c -> cursors.decode(listing, c));
        CommentStore.Page page = comments.approved(path, limit, from);
        return new Listing(page.comments(), page.next().map(next -> cursors.encode(listing, next)));
    }

    /** The page size asked for, from 1 to {@value #MAX_PAGE}, as the refusal says; 50 when not given. */
    static int pageSize(Optional<String> limitText) {
        if (limitText.isEmpty()) {
            return DEFAULT_PAGE;
        }
        try {
            int limit = Integer.parseInt(limitText.get());
            if (limit >= 1 && limit <= MAX_PAGE) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below, as a number out of range is
        }
        throw ApiError.of(ErrorKind.INVALID_LIMIT);
    }

    private StoredArticle published(String path) {
        return articles.find(path).filter(a -> a.status() == ArticleStatus.PUBLISHED)
                .orElseThrow(() -> ApiError.of(ErrorKind.ARTICLE_NOT_FOUND));
    }

    private StoredArticle openArticle(String path, Instant now) {
        StoredArticle article = published(path);
        boolean closedByAge = !config.closeAfter().isZero()
                && article.article().metadata().published().plus(config.closeAfter()).isBefore(now);
        if (!article.article().metadata().commentsOpen() || closedByAge) {
            throw ApiError.of(ErrorKind.COMMENTS_CLOSED);
        }
        return article;
    }

}
