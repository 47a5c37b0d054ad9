package dev.newsroom.comments;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How reader text is cleaned before anything else looks at it (D3): Unicode NFKC, then bidi
 * controls, zero-width characters and control characters removed (a body keeps its line breaks
 * and tabs). Limits apply to the cleaned text, so hidden characters can neither dodge a limit, a
 * reserved name or the duplicate check, nor change how a name displays.
 */
final class TextRules {

    /** Bidi embeddings, overrides and isolates; marks; zero-width spaces and joiners; word joiner; BOM. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\u061C\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2069\\uFEFF]");
    private static final Pattern CONTROLS_BUT_LINES = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    private static final Pattern CONTROLS = Pattern.compile("\\p{Cc}");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    private TextRules() {
    }

    /** One-line text such as a name: no line breaks, runs of spaces folded. */
    static String line(String raw) {
        String text = CONTROLS.matcher(INVISIBLE.matcher(Normalizer.normalize(raw, Normalizer.Form.NFKC)).replaceAll(""))
                .replaceAll(" ");
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    /** Multi-line text such as a comment body: line breaks kept, at most one blank line in a row. */
    static String paragraphs(String raw) {
        String text = Normalizer.normalize(raw.replace("\r\n", "\n").replace('\r', '\n'), Normalizer.Form.NFKC);
        text = CONTROLS_BUT_LINES.matcher(INVISIBLE.matcher(text).replaceAll("")).replaceAll("");
        return BLANK_LINES.matcher(text).replaceAll("\n\n").strip();
    }

    /** The form names are compared in: case, spacing and accents folded, letters and digits only. */
    static String comparable(String name) {
        String folded = Normalizer.normalize(line(name).toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        return folded.replaceAll("\\p{M}+", "").replaceAll("[^\\p{L}\\p{N}]+", "");
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
