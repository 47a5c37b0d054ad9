package dev.newsroom.comments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A list of words an editor keeps (banned, suspect), matched against a comment's words in the form
 * {@link TextRules#comparable} gives both: case, accents, invisible characters and look-alikes of
 * other scripts folded, so {@code ѕpam} in Cyrillic is {@code spam}. Whole words only, so a list's
 * {@code ass} never matches {@code class}; a phrase matches the same words in a row. Pure.
 */
final class WordList {

    private static final Pattern WORD_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}\\p{M}\\u200B-\\u200D\\u2060]+");

    /** Each listed word's folded form, by how many words it has, with the word as the editor wrote it. */
    private final Map<Integer, Map<String, String>> byLength = new HashMap<>();

    WordList(List<String> words) {
        for (String word : words) {
            List<String> parts = words(word);
            if (!parts.isEmpty()) {
                byLength.computeIfAbsent(parts.size(), n -> new HashMap<>()).putIfAbsent(String.join(" ", parts), word);
            }
        }
    }

    /** The first listed word the text holds, as the editor wrote it. */
    Optional<String> firstIn(String text) {
        if (byLength.isEmpty()) {
            return Optional.empty();
        }
        List<String> words = words(text);
        for (int start = 0; start < words.size(); start++) {
            for (var entry : byLength.entrySet()) {
                int length = entry.getKey();
                if (start + length <= words.size()) {
                    String listed = entry.getValue().get(String.join(" ", words.subList(start, start + length)));
                    if (listed != null) {
                        return Optional.of(listed);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String raw : WORD_SEPARATORS.split(text)) {
            String folded = TextRules.comparable(raw);
            if (!folded.isEmpty()) {
                words.add(folded);
            }
        }
        return words;
    }
}
