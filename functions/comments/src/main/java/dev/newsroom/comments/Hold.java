package dev.newsroom.comments;

/**
 * Why a comment waits for a moderator, or was taken for spam: the rule, and what it matched (a link,
 * a score), so that the desk can say it rather than leave the moderator to guess.
 *
 * @param rule  {@code manual}, {@code no_captcha}, {@code link}, {@code score} or {@code honeypot}
 * @param match what the rule matched, if it matched something in the comment; else empty
 */
record Hold(String rule, String match) {

    static final String MANUAL = "manual";
    static final String NO_CAPTCHA = "no_captcha";
    static final String LINK = "link";
    static final String SCORE = "score";
    static final String HONEYPOT = "honeypot";
}
