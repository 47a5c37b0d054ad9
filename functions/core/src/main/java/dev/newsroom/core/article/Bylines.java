package dev.newsroom.core.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a byline written as text, the way migrated sites write them: a name, or Markdown links to
 * each author with their affiliation after the link, in parentheses or after a comma
 * ({@code [Sam Xie](https://github.com/XSAM) (Cisco), [Other](https://example.org)}). Pure.
 */
final class Bylines {

    /** One author as the byline credits them; the link and affiliation as written, not yet checked. */
    record Credit(String name, Optional<String> link, Optional<String> affiliation) {
    }

    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]]+)]\\(\\s*([^)\\s]*)\\s*\\)");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    /** What joins one credit to the next: commas, "and", an ampersand. */
    private static final Pattern LEADING_JOINER = Pattern.compile("^(?:[,;]|\\band\\b|&)\\s*");
    private static final Pattern TRAILING_JOINER = Pattern.compile("\\s*(?:[,;]|\\band|&)$");
    /** Where a plain-text byline too long for one name splits into several. */
    private static final Pattern PLAIN_SEPARATOR = Pattern.compile("\\s*(?:[,;、]|\\band\\b|&)\\s*");

    private Bylines() {
    }

    /**
     * @param maxName the longest single name; a plain-text byline longer than this is read as a list
     */
    static List<Credit> parse(String byline, int maxName) {
        String text = WHITE_SPACE.matcher(byline).replaceAll(" ").strip();
        Matcher links = MARKDOWN_LINK.matcher(text);
        List<Credit> credits = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        while (links.find()) {
            spans.add(new int[] {links.start(), links.end()});
            credits.add(new Credit(links.group(1).strip(), Optional.of(links.group(2)).filter(s -> !s.isEmpty()),
                    Optional.empty()));
        }
        if (credits.isEmpty()) {
            if (text.codePointCount(0, text.length()) <= maxName) {
                return text.isEmpty() ? List.of() : List.of(new Credit(text, Optional.empty(), Optional.empty()));
            }
            return PLAIN_SEPARATOR.splitAsStream(text).map(String::strip).filter(name -> !name.isEmpty())
                    .map(name -> new Credit(name, Optional.empty(), Optional.empty())).toList();
        }
        for (int i = 0; i < credits.size(); i++) {
            int from = spans.get(i)[1];
            int to = i + 1 < spans.size() ? spans.get(i + 1)[0] : text.length();
            Credit credit = credits.get(i);
            credits.set(i, new Credit(credit.name(), credit.link(), affiliation(text.substring(from, to))));
        }
        return credits;
    }

    /** The text after a link and before the next credit, without joiners or parentheses. */
    private static Optional<String> affiliation(String between) {
        String text = between.strip();
        for (String before = null; !text.equals(before); ) {
            before = text;
            text = LEADING_JOINER.matcher(text).replaceFirst("");
            text = TRAILING_JOINER.matcher(text).replaceFirst("").strip();
        }
        if (text.startsWith("(") && text.endsWith(")")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
