package dev.newsroom.core.article;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Character references back to the characters they stand for, for text taken out of HTML. Pure. */
final class Entities {

    private static final Pattern REFERENCE = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    /** The named references that sanitised HTML and WordPress exports use; others stay as written. */
    private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'",
            "nbsp", "\u00A0", "hellip", "\u2026", "mdash", "\u2014", "ndash", "\u2013");

    private Entities() {
    }

    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher references = REFERENCE.matcher(text);
        return references.replaceAll(reference -> Matcher.quoteReplacement(character(reference.group(1), reference.group())));
    }

    private static String character(String name, String written) {
        if (name.startsWith("#")) {
            boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
            int codePoint = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
            return Character.isValidCodePoint(codePoint) && codePoint != 0 ? Character.toString(codePoint) : written;
        }
        return NAMED.getOrDefault(name, written);
    }
}
