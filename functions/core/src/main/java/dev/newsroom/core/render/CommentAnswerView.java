package dev.newsroom.core.render;

import java.util.List;
import java.util.Map;

/**
 * The page that answers a comment posted without script: that it was taken (and waits for a
 * moderator, or is published), or what to fix, with the reader's own text in a form ready to send
 * again.
 *
 * @param errors  what to fix, in the comment API's words; empty for a comment taken
 * @param fields  what the reader sent (name, email, website, body, parentId), to send again
 * @param action  where the form posts: the article's comments API
 */
public record CommentAnswerView(PageHead.Site site, String heading, List<String> errors, String articleUrl,
                                Map<String, String> fields, String action) {

    public String field(String name) {
        return fields.getOrDefault(name, "");
    }
}
