package dev.newsroom.migrate;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rewriting text where a pattern matches, for the importers' edits of the files they move. */
public final class Patterns {

    private Patterns() {
    }

    /** {@code text} with each match of {@code pattern} replaced by what {@code replacement} makes of it, taken literally. */
    public static String replace(Pattern pattern, String text, Function<Matcher, String> replacement) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
