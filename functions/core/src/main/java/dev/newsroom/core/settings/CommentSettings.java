package dev.newsroom.core.settings;

import dev.newsroom.core.article.PreModeration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code site.yaml} says about comments: which are held for a moderator before anyone sees
 * them, and the words that refuse or hold a comment. Editors change it without a redeploy; the
 * template's {@code Moderation} stands where it says nothing.
 *
 * @param moderation   {@code all} holds every comment, {@code first} a commenter's until one of
 *                     theirs is approved, {@code none} only what a rule holds; empty: the template's
 * @param bannedWords  words that refuse a comment
 * @param suspectWords words that hold a comment for a moderator, who is shown the word
 */
public record CommentSettings(Optional<PreModeration> moderation, List<String> bannedWords, List<String> suspectWords) {

    public static final CommentSettings NONE = new CommentSettings(Optional.empty(), List.of(), List.of());
    public static final int MAX_WORDS = 500;
    public static final int MAX_WORD = 60;

    public CommentSettings {
        bannedWords = List.copyOf(bannedWords);
        suspectWords = List.copyOf(suspectWords);
    }
}
