package dev.newsroom.comments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored comment. The email and the client hash are for moderation and erasure only: they are
 * never returned by the API or shown on a page (D4, F4).
 *
 * @param id        time-ordered, so comments sort oldest first
 * @param status    approved, pending or spam
 * @param emailHash keyed hash of the email, to find a commenter's comments for erasure (H7)
 * @param withoutCaptcha posted from the form without script, so with no captcha: it waits for a moderator, marked so
 * @param hold      why it waits, or was taken for spam, if a rule said so
 * @param reports   readers' reports of it, since a moderator last approved it
 * @param audit     every moderator's decision on it, oldest first
 */
record Comment(String article, String id, String status, String name, Optional<String> website, String body,
               Optional<String> parentId, Instant createdAt, Optional<String> email, Optional<String> emailHash,
               String clientHash, Optional<Double> score, boolean withoutCaptcha, Optional<Hold> hold, Reports reports,
               List<Decision> audit) {

    static final String APPROVED = "approved";
    static final String PENDING = "pending";
    static final String SPAM = "spam";
    static final String REJECTED = "rejected";

    /** A moderator's decision: who took it, when, what it was, and why, if they said. */
    record Decision(String who, Instant at, String action, Optional<String> reason) {
    }
    /** The queue of approved comments that enough readers reported: they stay on the page until a moderator decides. */
    static final String REPORTED = "reported";

    /** How many readers reported a comment, each once, and for which reasons. */
    record Reports(int count, java.util.Set<String> reasons) {

        static final Reports NONE = new Reports(0, java.util.Set.of());
    }
}
