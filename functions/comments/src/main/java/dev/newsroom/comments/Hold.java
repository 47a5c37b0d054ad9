package dev.newsroom.comments;

/**
 * Why a comment waits for a moderator, or was taken for spam: the rule, and what it matched (a link,
 * a score), so that the desk can say it rather than leave the moderator to guess.
 *
 * @param rule  {@code honeypot}, {@code banned_word}, {@code no_captcha}, {@code suspect_word}, {@code link},
 *              {@code score}, {@code manual} (every comment waits) or {@code first_comment}
 * @param match what the rule matched, if it matched something in the comment; else empty
 */
record Hold(String rule, String match) {

    static final String MANUAL = "manual";
    static final String NO_CAPTCHA = "no_captcha";
    static final String LINK = "link";
    static final String SCORE = "score";
    static final String HONEYPOT = "honeypot";
    static final String BANNED_WORD = "banned_word";
    static final String SUSPECT_WORD = "suspect_word";
    static final String FIRST_COMMENT = "first_comment";

    /** Whether the rule takes the comment for spam rather than holding it for a moderator. */
    boolean spam() {
        return rule.equals(HONEYPOT) || rule.equals(BANNED_WORD);
    }
}
