package dev.newsroom.comments;

/**
 * Every way the comments API refuses a request: its machine-readable code (what the page's script
 * and form redirects key on), its HTTP status and its message. Call sites name a kind; a message of
 * their own only where the text depends on the request. docs/comments.md lists them all, and a
 * test holds the two together.
 */
enum ErrorKind {
    VALIDATION_FAILED(400, "validation_failed", "Some fields need attention."),
    FIELD_TOO_LONG(400, "field_too_long", "A field is longer than allowed."),
    UNKNOWN_FIELD(400, "unknown_field", "A field is not accepted."),
    INVALID_FIELD(400, "invalid_field", "A field must be text."),
    INVALID_JSON(400, "invalid_json", "The body is not valid JSON."),
    INVALID_FORM(400, "invalid_form", "The form is not properly encoded."),
    INVALID_BODY(400, "invalid_body", "The body is not valid base64."),
    TOO_MANY_LINKS(400, "too_many_links", "Too many links."),
    INVALID_LIMIT(400, "invalid_limit", "limit must be a whole number from 1 to " + CommentsService.MAX_PAGE + "."),
    INVALID_CURSOR(400, "invalid_cursor", "The cursor is not one this API gave out for this listing."),
    INVALID_QUEUE(400, "invalid_queue", "queue must be pending, reported, approved, rejected or spam."),
    CAPTCHA_FAILED(403, "captcha_failed", "Captcha verification failed!"),
    CAPTCHA_SCORE(403, "captcha_score", "CAPTCHA user score failed. Please contact us!"),
    ORIGIN_NOT_ALLOWED(403, "origin_not_allowed", "Comments can only be posted from the site."),
    COMMENTER_BANNED(403, "commenter_banned", "You cannot comment on this site at the moment."),
    NOT_SIGNED_IN(401, "not_signed_in", "Sign in at the desk first."),
    NOT_STAFF(403, "not_staff", "Your account is in neither the moderators nor the editors group."),
    FORBIDDEN(403, "forbidden", "Only moderators may do this."),
    CROSS_SITE(403, "cross_site", "The desk's routes take requests from the site's own pages only."),
    ARTICLE_NOT_FOUND(404, "article_not_found", "There is no such article."),
    COMMENTS_CLOSED(404, "comments_closed", "Comments are closed on this article."),
    COMMENT_NOT_FOUND(404, "comment_not_found", "There is no such comment."),
    ROUTE_NOT_FOUND(404, "not_found", "There is nothing at this address."),
    METHOD_NOT_ALLOWED(405, "method_not_allowed", "Use GET or POST."),
    SUBMISSION_IN_PROGRESS(409, "submission_in_progress", "This comment is being posted already."),
    DUPLICATE_COMMENT(409, "duplicate_comment", "You have already posted this comment."),
    PAYLOAD_TOO_LARGE(413, "payload_too_large", "The comment is too large."),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "Send JSON or a form."),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency_key_reused", "This captcha answer was already used for another comment. Please send your comment again."),
    RATE_LIMITED(429, "rate_limited", "Too many comments; try again later."),
    INTERNAL_ERROR(500, "internal_error", "Something went wrong on our side. Please try again."),
    CAPTCHA_UNAVAILABLE(503, "captcha_unavailable", "We cannot check the captcha right now. Please try again in a minute."),
    POSTING_CLOSED(503, "posting_closed", "Comments cannot be posted at the moment. Please try again later."),
    STORAGE_UNAVAILABLE(503, "storage_unavailable", "Comments are unavailable for a moment. Please try again.");

    private final int status;
    private final String code;
    private final String message;

    ErrorKind(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** The message the answer carries unless the call site gives one of its own. */
    String message() {
        return message;
    }
}
