package dev.newsroom.core.render;

/**
 * The interface's words: every text a page shows that is not the site's content. Each language's
 * text is in {@code Words_<lang>.properties} beside this class, English in {@code Words.properties};
 * {@code {}} stands for the value a word is said with.
 */
public enum Word {
    SKIP_TO_CONTENT,
    MAIN_MENU,
    FOOTER_MENU,
    ADVERTISEMENT,
    BY,
    UPDATED,
    CORRECTION,
    CORRECTIONS,
    TAGS,
    ABOUT_AUTHOR,
    ON_TWITTER,
    WEBSITE,
    MORE_ARTICLES,
    COMMENTS,
    LEAVE_A_COMMENT,
    REPLYING_TO,
    CANCEL,
    COMMENT,
    NAME,
    EMAIL,
    EMAIL_HINT,
    OPTIONAL,
    LEAVE_EMPTY,
    HELD_WITHOUT_SCRIPT,
    POST_COMMENT,
    COMMENTS_CLOSED,
    CATEGORY,
    TAG,
    AUTHOR,
    LATEST_ARTICLES,
    NO_ARTICLES,
    MORE_PAGES,
    NEWER,
    OLDER,
    ARCHIVE,
    FOLLOW_FEED,
    PAGE_NOT_FOUND,
    NOT_FOUND_TEXT,
    GO_TO_FRONT_PAGE,
    WITHDRAWN_TITLE,
    WITHDRAWN_HEADING,
    WITHDRAWN_TEXT,
    READ_LATEST,
    BACK_TO_ARTICLE,
    // What the comments script says, handed to it in the page (Words#forScript).
    BODY_MISSING(true),
    NAME_MISSING(true),
    EMAIL_INVALID(true),
    WEBSITE_INVALID(true),
    REPLY(true),
    REPLY_TO(true),
    THANKS(true),
    THANKS_PENDING(true),
    CAPTCHA_FAILED(true),
    CAPTCHA_SCORE(true),
    VALIDATION_FAILED(true),
    RATE_LIMITED(true),
    NOT_POSTED(true),
    NOT_SENT(true),
    REPORT(true),
    REPORT_WHY(true),
    REPORT_SPAM(true),
    REPORT_ABUSE(true),
    REPORT_OFF_TOPIC(true),
    REPORT_OTHER(true),
    SEND_REPORT(true),
    STAFF(true),
    FEATURED(true),
    REPORTED(true);

    private final boolean script;

    Word() {
        this(false);
    }

    Word(boolean script) {
        this.script = script;
    }

    /** Whether the comments script says it. */
    public boolean script() {
        return script;
    }
}
