package dev.newsroom.core.shortcode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads Hugo's shortcode calls out of a body, as Hugo's own lexer does: {@code {{< name … >}}} and
 * {@code {{% name … %}}}, with positional or named parameters that are bare, {@code "quoted"} (with
 * backslash escapes) or {@code `raw`}; closing tags {@code {{< /name >}}}; self-closing
 * {@code {{< name />}}}; and the escaped form <code>{{&lt;/&#42; … &#42;/&gt;}}</code>, which Hugo prints without its comment markers.
 * Calls are recognised anywhere, code blocks included, because Hugo recognises them there too.
 * Pure; nesting is bounded (C3).
 */
final class ShortcodeSyntax {

    static final int MAX_NESTING = 16;

    /** A piece of a body: text as written, or a shortcode call. */
    sealed interface Piece permits Text, Call {
    }

    record Text(String text) implements Piece {
    }

    /**
     * One call. {@code inner} is present for a paired call: its content, as pieces, and as written
     * ({@code innerSource}); {@code markdown} is true for the {@code {{% %}}} form.
     */
    record Call(String name, List<String> positional, Map<String, String> named, boolean markdown,
                Optional<List<Piece>> inner, String innerSource, int line) implements Piece {

        /** The named parameter, or else the positional one at {@code index}. */
        Optional<String> param(String name, int index) {
            String value = named.get(name);
            if (value == null && index >= 0 && index < positional.size()) {
                value = positional.get(index);
            }
            return Optional.ofNullable(value);
        }

        /** The named parameter, or else the positional one at {@code index}, if it is not blank. */
        Optional<String> given(String name, int index) {
            return param(name, index).map(String::strip).filter(v -> !v.isEmpty());
        }

        String written() {
            return (markdown ? "{{% " : "{{< ") + name + (markdown ? " %}}" : " >}}");
        }
    }

    /** A tag as read: an opening, self-closing or closing one. */
    private record Tag(String name, List<String> positional, Map<String, String> named, boolean markdown,
                       boolean closing, boolean selfClosing, int start, int end, int line) {
    }

    private final String source;
    private final Function<String, Optional<Boolean>> takesInner;
    private final List<Object> flat = new ArrayList<>(); // Tag or String, in order
    private int position;
    private final int firstLine;
    private int line;
    private int lineCountedTo;

    private ShortcodeSyntax(String source, int firstLine, Function<String, Optional<Boolean>> takesInner) {
        this.source = source;
        this.firstLine = firstLine;
        this.line = firstLine;
        this.takesInner = takesInner;
    }

    /**
     * @param firstLine  the line of its file that {@code source} starts on
     * @param takesInner for a name, whether its shortcode has content and a closing tag; empty for
     *                   a shortcode nobody defined, which is paired when a closing tag follows
     */
    static List<Piece> parse(String source, int firstLine, Function<String, Optional<Boolean>> takesInner)
            throws MalformedShortcodeException {
        var syntax = new ShortcodeSyntax(source, firstLine, takesInner);
        syntax.lex();
        int[] next = {0};
        return syntax.build(next, null, 0);
    }

    private void lex() throws MalformedShortcodeException {
        StringBuilder text = new StringBuilder();
        while (position < source.length()) {
            int open = nextOpening(position);
            if (open < 0) {
                text.append(source, position, source.length());
                break;
            }
            text.append(source, position, open);
            boolean markdown = source.charAt(open + 2) == '%';
            String close = markdown ? "%}}" : ">}}";
            if (source.startsWith("/*", open + 3)) {
                int end = source.indexOf("*/" + close, open + 5);
                if (end < 0) {
                    throw malformed(open, "an escaped shortcode opened with " + source.substring(open, open + 5)
                            + " is not closed with */" + close);
                }
                // Hugo prints an escaped call without its comment markers, for pages that show shortcodes.
                text.append(source, open, open + 3).append(source, open + 5, end).append(close);
                position = end + 2 + close.length();
                continue;
            }
            if (!text.isEmpty()) {
                flat.add(text.toString());
                text.setLength(0);
            }
            flat.add(tag(open, markdown, close));
        }
        if (!text.isEmpty()) {
            flat.add(text.toString());
        }
    }

    private int nextOpening(int from) {
        int at = source.indexOf("{{", from);
        while (at >= 0 && at + 2 < source.length()) {
            char form = source.charAt(at + 2);
            if (form == '<' || form == '%') {
                return at;
            }
            at = source.indexOf("{{", at + 1);
        }
        return -1;
    }

    private Tag tag(int start, boolean markdown, String close) throws MalformedShortcodeException {
        int tagLine = lineAt(start);
        position = start + 3;
        skipSpace();
        boolean closing = false;
        if (position < source.length() && source.charAt(position) == '/') {
            closing = true;
            position++;
            skipSpace();
        }
        int nameStart = position;
        while (position < source.length() && isNameChar(source.charAt(position))) {
            position++;
        }
        String name = source.substring(nameStart, position);
        if (name.isEmpty()) {
            throw malformed(start, "a shortcode opened with " + source.substring(start, start + 3) + " has no name");
        }
        List<String> positional = new ArrayList<>();
        Map<String, String> named = new LinkedHashMap<>();
        boolean selfClosing = false;
        while (true) {
            skipSpace();
            if (position >= source.length()) {
                throw malformed(start, "the shortcode " + name + " is not closed with " + close);
            }
            if (source.startsWith(close, position)) {
                position += close.length();
                break;
            }
            if (source.charAt(position) == '/' && source.startsWith(close, skipSpaceFrom(position + 1))) {
                selfClosing = true;
                position = skipSpaceFrom(position + 1) + close.length();
                break;
            }
            String token = value(start, name, close);
            if (position < source.length() && source.charAt(position) == '=') {
                position++;
                named.put(token, value(start, name, close));
            } else {
                positional.add(token);
            }
        }
        return new Tag(name, positional, named, markdown, closing, selfClosing, start, position, tagLine);
    }

    private String value(int start, String name, String close) throws MalformedShortcodeException {
        if (position >= source.length()) {
            // A named parameter's "=" as the last thing in the file (found by fuzzing).
            throw malformed(start, "the shortcode " + name + " is not closed with " + close);
        }
        char first = source.charAt(position);
        if (first == '"') {
            StringBuilder out = new StringBuilder();
            for (position++; position < source.length(); position++) {
                char c = source.charAt(position);
                if (c == '\\' && position + 1 < source.length()) {
                    out.append(source.charAt(++position));
                } else if (c == '"') {
                    position++;
                    return out.toString();
                } else {
                    out.append(c);
                }
            }
            throw malformed(start, "a quoted parameter of the shortcode " + name + " is not closed with \"");
        }
        if (first == '`') {
            int end = source.indexOf('`', position + 1);
            if (end < 0) {
                throw malformed(start, "a parameter of the shortcode " + name + " is not closed with `");
            }
            String raw = source.substring(position + 1, end);
            position = end + 1;
            return raw;
        }
        int from = position;
        while (position < source.length() && !Character.isWhitespace(source.charAt(position))
                && source.charAt(position) != '=' && !source.startsWith(close, position)
                && !(source.charAt(position) == '/' && source.startsWith(close, skipSpaceFrom(position + 1)))) {
            position++;
        }
        if (position == from) {
            throw malformed(start, "the shortcode " + name + " has a parameter with no value near '"
                    + source.charAt(position) + "'");
        }
        return source.substring(from, position);
    }

    private List<Piece> build(int[] next, Tag opening, int depth) throws MalformedShortcodeException {
        if (depth > MAX_NESTING) {
            throw malformed(opening.start(), "shortcodes are nested more than " + MAX_NESTING + " deep");
        }
        List<Piece> pieces = new ArrayList<>();
        while (next[0] < flat.size()) {
            Object item = flat.get(next[0]++);
            if (item instanceof String text) {
                pieces.add(new Text(text));
                continue;
            }
            Tag tag = (Tag) item;
            if (tag.closing()) {
                if (opening != null && opening.name().equals(tag.name())) {
                    return pieces;
                }
                throw malformed(tag.start(), "{{< /" + tag.name() + " >}} closes a shortcode that was not opened"
                        + (opening == null ? "" : "; the open one is " + opening.name()));
            }
            boolean paired = !tag.selfClosing()
                    && takesInner.apply(tag.name()).orElseGet(() -> closedLater(tag.name(), next[0]));
            if (!paired) {
                pieces.add(new Call(tag.name(), tag.positional(), tag.named(), tag.markdown(), Optional.empty(), "", tag.line()));
                continue;
            }
            List<Piece> inner = build(next, tag, depth + 1);
            Tag closingTag = (Tag) flat.get(next[0] - 1); // build returns only after the closing tag
            pieces.add(new Call(tag.name(), tag.positional(), tag.named(), tag.markdown(), Optional.of(inner),
                    source.substring(tag.end(), closingTag.start()), tag.line()));
        }
        if (opening != null) {
            throw malformed(opening.start(), "the shortcode " + opening.name() + " needs a closing {{< /"
                    + opening.name() + " >}}");
        }
        return pieces;
    }

    private boolean closedLater(String name, int from) {
        for (int i = from; i < flat.size(); i++) {
            if (flat.get(i) instanceof Tag tag && tag.closing() && tag.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '/' || c == '.';
    }

    private void skipSpace() {
        position = skipSpaceFrom(position);
    }

    private int skipSpaceFrom(int from) {
        int at = from;
        while (at < source.length() && Character.isWhitespace(source.charAt(at))) {
            at++;
        }
        return at;
    }

    /** Lines are counted forwards only, so a body costs one pass however many calls it has. */
    private int lineAt(int offset) {
        for (; lineCountedTo < offset; lineCountedTo++) {
            if (source.charAt(lineCountedTo) == '\n') {
                line++;
            }
        }
        return line;
    }

    private MalformedShortcodeException malformed(int offset, String message) {
        int at = firstLine;
        for (int i = 0; i < offset && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                at++;
            }
        }
        return new MalformedShortcodeException("line " + at + ": " + message);
    }
}
