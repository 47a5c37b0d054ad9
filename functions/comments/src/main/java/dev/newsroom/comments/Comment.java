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
 * @param badges    what the page marks it with: a staff member's reply, a comment the desk featured
 */
record Comment(String article, String id, String status, String name, Optional<String> website, String body,
               Optional<String> parentId, Instant createdAt, Optional<String> email, Optional<String> emailHash,
               String clientHash, Optional<Double> score, boolean withoutCaptcha, Optional<Hold> hold, Reports reports,
               List<Decision> audit, Badges badges) {

    static final String APPROVED = "approved";
    static final String PENDING = "pending";
    static final String SPAM = "spam";
    static final String REJECTED = "rejected";

    /**
     * Comment ids end in random digits. Instances resumed from one SnapStart snapshot would share
     * ThreadLocalRandom's seed; SecureRandom's Linux default (NativePRNG) mixes fresh bytes from
     * /dev/urandom into every call, so restored instances still differ.
     */
    private static final java.security.SecureRandom ID_RANDOM = new java.security.SecureRandom();

    /** A new comment's id: its time, so ids sort oldest first, and random digits. */
    static String newId(Instant now) {
        return String.format("%013d-%s", now.toEpochMilli(), java.util.HexFormat.of().toHexDigits(ID_RANDOM.nextInt()));
    }

    /** What readers see a comment marked with: written by staff (only the desk writes these), or featured by the desk. */
    record Badges(boolean staff, boolean featured) {

        static final Badges NONE = new Badges(false, false);
    }

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
