package dev.newsroom.comments;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What moderators are told of the pending queue: how long its oldest comment has waited, which the
 * stack's alarm watches, and the digest email. A digest goes out only when comments came in since
 * the one before, so a queue nobody works on does not send the same email every hour: the alarm
 * tells of comments left waiting too long.
 *
 * @param waiting     how many comments are pending
 * @param oldestFirst the oldest of them, as many as a digest lists
 * @param newest      when the newest of them came in
 */
record PendingDigest(int waiting, List<Comment> oldestFirst, Optional<Instant> newest, Instant now) {

    /** How many comments a digest lists; it counts the rest. */
    static final int LISTED = 10;
    /** How much of a comment a digest quotes. */
    static final int EXCERPT = 200;
    /** SNS refuses a subject over 100 characters, or one that is not printable ASCII. */
    private static final int MAX_SUBJECT = 100;

    /** An email: its subject and its plain text. */
    record Message(String subject, String text) {
    }

    /** How long the oldest pending comment has waited; zero when none waits. */
    Duration oldestWait() {
        return oldestFirst.isEmpty() ? Duration.ZERO : Duration.between(oldestFirst.get(0).createdAt(), now);
    }

    /** The digest, if comments wait and some of them came in within the last {@code every}. */
    Optional<Message> message(Duration every, String siteName, URI desk) {
        if (waiting == 0 || newest.filter(arrived -> arrived.isAfter(now.minus(every))).isEmpty()) {
            return Optional.empty();
        }
        String count = waiting == 1 ? "1 comment waits" : waiting + " comments wait";
        StringBuilder text = new StringBuilder()
                .append(count).append(" for moderation on ").append(siteName).append(". The oldest has waited ")
                .append(wait(oldestWait())).append(".\n\n");
        for (Comment comment : oldestFirst.subList(0, Math.min(LISTED, oldestFirst.size()))) {
            text.append("- ").append(comment.name()).append(" on ").append(comment.article());
            comment.hold().ifPresent(hold -> text.append(" (held: ").append(hold.rule())
                    .append(hold.match().isEmpty() ? "" : ", " + hold.match()).append(')'));
            text.append("\n  \"").append(excerpt(comment.body())).append("\"\n");
        }
        if (waiting > LISTED) {
            text.append("and ").append(waiting - LISTED).append(" more.\n");
        }
        text.append("\nOpen the desk: ").append(desk).append('\n');
        return Optional.of(new Message(subject(count + " for moderation on " + siteName), text.toString()));
    }

    /** A wait as people say it: {@code 45 min}, {@code 2 h 5 min}, {@code 3 d 4 h}. */
    static String wait(Duration wait) {
        long minutes = wait.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 24 * 60) {
            return minutes / 60 + " h " + minutes % 60 + " min";
        }
        return minutes / (24 * 60) + " d " + minutes % (24 * 60) / 60 + " h";
    }

    private static String excerpt(String body) {
        String line = body.replaceAll("\\s+", " ").strip();
        return line.codePointCount(0, line.length()) <= EXCERPT ? line
                : line.substring(0, line.offsetByCodePoints(0, EXCERPT)) + "…";
    }

    /** Printable ASCII only, as SNS takes a subject: anything else becomes {@code ?}. */
    private static String subject(String text) {
        StringBuilder subject = new StringBuilder();
        text.codePoints().limit(MAX_SUBJECT).forEach(c -> subject.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return subject.toString();
    }
}
