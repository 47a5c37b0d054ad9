package dev.newsroom.comments;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How reader text is kept, and how it is compared (D3).
 *
 * <p>Kept as typed, in NFC, with only what can deceive or break a page taken out: bidi controls,
 * control characters (a body keeps its line breaks and tabs), and zero-width characters, except a
 * zero-width joiner inside an emoji sequence (👩‍💻, 🏳️‍🌈) and a zero-width non-joiner between
 * letters of the scripts that spell with it (Persian, the Indic scripts). {@code mc²} and {@code ½} stay as they are.
 *
 * <p>Compared on a folded form ({@link #comparable}): NFKC, case folded, every invisible character
 * ignored, then Unicode's confusable skeleton (UTS #39), so that Cyrillic {@code Аdmin}, Greek
 * {@code Αdmin} and {@code Admın} all compare as {@code admin}. Reserved names, duplicates and word
 * lists use that form, never the kept text.
 */
final class TextRules {

    /** Bidi embeddings, overrides and isolates, and the marks (ALM, LRM, RLM). */
    private static final Pattern BIDI = Pattern.compile("[\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");
    private static final Pattern CONTROLS_BUT_LINES = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    private static final Pattern CONTROLS = Pattern.compile("\\p{Cc}");
    /** Zero-width space, non-joiner, joiner, word joiner, invisible operators, and the byte order mark ({@link #kept} tests the same ranges). */
    private static final Pattern ZERO_WIDTH = Pattern.compile("[\\u200B-\\u200D\\u2060-\\u2064\\uFEFF]");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");
    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;
    private static final int VARIATION_SELECTOR_16 = 0xFE0F;
    private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();
    /** Scripts whose spelling uses the zero-width non-joiner. */
    private static final java.util.Set<Character.UnicodeScript> NON_JOINER_SCRIPTS = java.util.EnumSet.of(
            Character.UnicodeScript.ARABIC, Character.UnicodeScript.SYRIAC, Character.UnicodeScript.DEVANAGARI,
            Character.UnicodeScript.BENGALI, Character.UnicodeScript.GURMUKHI, Character.UnicodeScript.GUJARATI,
            Character.UnicodeScript.ORIYA, Character.UnicodeScript.TAMIL, Character.UnicodeScript.TELUGU,
            Character.UnicodeScript.KANNADA, Character.UnicodeScript.MALAYALAM, Character.UnicodeScript.SINHALA);

    private TextRules() {
    }

    /** One-line text such as a name: no line breaks, runs of spaces folded. */
    static String line(String raw) {
        String text = CONTROLS.matcher(kept(raw)).replaceAll(" ");
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    /** Multi-line text such as a comment body: line breaks kept, at most one blank line in a row. */
    static String paragraphs(String raw) {
        String text = CONTROLS_BUT_LINES.matcher(kept(raw.replace("\r\n", "\n").replace('\r', '\n'))).replaceAll("");
        return BLANK_LINES.matcher(text).replaceAll("\n\n").strip();
    }

    /**
     * The form text is compared in: compatibility forms, case and accents folded, invisible
     * characters and everything but letters and digits dropped, then each character mapped to the
     * one it can be mistaken for.
     */
    static String comparable(String text) {
        String letters = UCharacter.foldCase(unaccented(text), true).replaceAll("[^\\p{L}\\p{N}]+", "");
        return SKELETONS.getSkeleton(letters).toLowerCase(Locale.ROOT);
    }

    /**
     * The text with each capital of another script read as the Latin capital it imitates. Folding
     * case first, as {@link #comparable} does, loses such a look-alike: Greek {@code Μ} looks like
     * {@code M}, though its small {@code μ} looks like no {@code m}. For names only, compared in
     * both forms: words of other scripts keep their own capitals.
     */
    static String latinCapitals(String text) {
        StringBuilder read = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isUpperCase(c) && UScript.getScript(c) != UScript.LATIN) {
                read.append(SKELETONS.getSkeleton(Character.toString(c)));
            } else {
                read.appendCodePoint(c);
            }
        });
        return read.toString();
    }

    /** The form the desk's search matches in: case and accents folded, words kept apart by single spaces. */
    static String searchable(String text) {
        return UCharacter.foldCase(unaccented(text), true).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** Compatibility forms and accents folded, invisible characters dropped. */
    private static String unaccented(String text) {
        String visible = ZERO_WIDTH.matcher(BIDI.matcher(text).replaceAll("")).replaceAll("");
        return Normalizer.normalize(Normalizer.normalize(visible, Normalizer.Form.NFKC), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** NFC, without bidi controls, and without zero-width characters that join nothing. */
    private static String kept(String raw) {
        String text = BIDI.matcher(Normalizer.normalize(raw, Normalizer.Form.NFC)).replaceAll("");
        StringBuilder kept = new StringBuilder(text.length());
        int[] points = text.codePoints().toArray();
        for (int i = 0; i < points.length; i++) {
            int point = points[i];
            boolean zeroWidth = point >= 0x200B && point <= 0x200D || point >= 0x2060 && point <= 0x2064 || point == 0xFEFF;
            if (!zeroWidth || point == ZWJ && joinsEmoji(points, i) || point == ZWNJ && joinsLetters(points, i)) {
                kept.appendCodePoint(point);
            }
        }
        return kept.toString();
    }

    /** A joiner between two pictographs (a variation selector or skin tone may follow the first). */
    private static boolean joinsEmoji(int[] points, int at) {
        int before = at - 1;
        while (before >= 0 && (points[before] == VARIATION_SELECTOR_16 || UCharacter.hasBinaryProperty(points[before], UProperty.EMOJI_MODIFIER))) {
            before--;
        }
        return before >= 0 && at + 1 < points.length
                && UCharacter.hasBinaryProperty(points[before], UProperty.EXTENDED_PICTOGRAPHIC)
                && UCharacter.hasBinaryProperty(points[at + 1], UProperty.EXTENDED_PICTOGRAPHIC);
    }

    /** A non-joiner between letters of a script that writes with one (Persian's می‌خواهم); elsewhere it only hides. */
    private static boolean joinsLetters(int[] points, int at) {
        return at > 0 && at + 1 < points.length && Character.isLetter(points[at - 1])
                && NON_JOINER_SCRIPTS.contains(Character.UnicodeScript.of(points[at - 1]))
                && (Character.isLetter(points[at + 1]) || Character.getType(points[at + 1]) == Character.NON_SPACING_MARK);
    }
}
