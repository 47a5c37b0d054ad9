package dev.newsroom.comments;

import dev.newsroom.core.site.ArticlePaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shapes of the comments API's answers. Readers see a comment's name, website, body and
 * time; moderators also its article, status and score. Emails and client hashes are never in any
 * of them (D4, F4).
 */
final class CommentJson {

    private CommentJson() {
    }

    /** An article's approved comments, as the page lists them. */
    static Map<String, Object> forReaders(CommentsService.Listing listing) {
        return listing(listing, Optional.empty());
    }

    /** A moderation queue or a search, across articles, with each article's title and each commenter's history. */
    static Map<String, Object> forModerators(Moderation.DeskListing desk) {
        return listing(desk.listing(), Optional.of(desk));
    }

    /** The answer to a posted comment: its id, its status, and what the page tells the reader. */
    static Map<String, Object> posted(CommentsService.Posted posted) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", posted.id());
        body.put("status", posted.answered());
        body.put("message", posted.published() ? "Thank you for your comment."
                : "Thank you. Your comment is awaiting moderation.");
        return body;
    }

    /** The answer to approving, marking as spam or deleting a comment. */
    /** A report taken: counted, or already counted from this reader. */
    static Map<String, Object> reported(boolean counted) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reported", true);
        body.put("counted", counted);
        body.put("message", "Thank you. A moderator will look at it.");
        return body;
    }

    static Map<String, Object> moderated() {
        return Map.of("ok", true);
    }

    /** The answer to an import: how many comments it stored, and how many an earlier import had stored. */
    static Map<String, Object> imported(Moderation.Imported imported) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stored", imported.stored());
        body.put("alreadyThere", imported.alreadyThere());
        return body;
    }

    /** The answer to a staff member's reply: the new comment's id. */
    static Map<String, Object> replied(String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("status", Comment.APPROVED);
        return body;
    }

    /** A commenter's history: how many earlier comments of theirs each status holds, and the newest of them. */
    static Map<String, Object> history(Moderation.History history) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("known", history.known());
        body.put("counts", history.counts());
        List<Map<String, Object>> recent = new ArrayList<>();
        for (Comment c : history.recent()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", c.id());
            item.put("article", c.article());
            item.put("status", c.status());
            item.put("createdAt", c.createdAt().toString());
            item.put("body", c.body());
            recent.add(item);
        }
        body.put("recent", recent);
        return body;
    }

    /** The answer to an erasure: how many comments lost their commenter's email and client hash. */
    static Map<String, Object> erased(int comments) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("erased", comments);
        body.put("ok", true);
        return body;
    }

    /** The listing for readers, or with {@code desk}'s titles and histories and what only moderators see. */
    private static Map<String, Object> listing(CommentsService.Listing listing, Optional<Moderation.DeskListing> desk) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<Map<String, Object>> array = new ArrayList<>();
        body.put("comments", array);
        for (Comment c : listing.comments()) {
            Map<String, Object> item = new LinkedHashMap<>();
            array.add(item);
            item.put("id", c.id());
            if (desk.isPresent()) {
                item.put("article", c.article());
                Optional.ofNullable(desk.get().titles().get(c.article())).ifPresent(title -> item.put("articleTitle", title));
                Optional.ofNullable(desk.get().histories().get(c.article() + " " + c.id())).ifPresent(counts -> item.put("history", counts));
                item.put("articleToken", ArticlePaths.token(c.article()));
                item.put("status", c.status());
                c.score().ifPresent(score -> item.put("score", score));
                if (c.withoutCaptcha()) {
                    item.put("captcha", "none");
                }
                if (!c.audit().isEmpty()) {
                    List<Map<String, Object>> audit = new ArrayList<>();
                    for (Comment.Decision decision : c.audit()) {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("who", decision.who());
                        entry.put("at", decision.at().toString());
                        entry.put("action", decision.action());
                        decision.reason().ifPresent(reason -> entry.put("reason", reason));
                        audit.add(entry);
                    }
                    item.put("audit", audit);
                }
                if (c.reports().count() > 0) {
                    Map<String, Object> reports = new LinkedHashMap<>();
                    reports.put("count", c.reports().count());
                    reports.put("reasons", c.reports().reasons().stream().sorted().toList());
                    item.put("reports", reports);
                }
                c.hold().ifPresent(hold -> {
                    Map<String, Object> why = new LinkedHashMap<>();
                    why.put("rule", hold.rule());
                    if (!hold.match().isEmpty()) {
                        why.put("match", hold.match());
                    }
                    item.put("heldBy", why);
                });
            }
            c.parentId().ifPresent(p -> item.put("parentId", p));
            if (c.badges().staff()) {
                item.put("staff", true);
            }
            if (c.badges().featured()) {
                item.put("featured", true);
            }
            item.put("name", c.name());
            c.website().ifPresent(w -> item.put("website", w));
            item.put("body", c.body());
            item.put("createdAt", c.createdAt().toString());
        }
        listing.nextCursor().ifPresent(cursor -> body.put("nextCursor", cursor));
        return body;
    }
}
