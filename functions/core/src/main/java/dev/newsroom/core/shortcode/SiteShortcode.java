package dev.newsroom.core.shortcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shortcode of the site's own, as its configuration maps it: another name for a built-in, or a small
 * HTML snippet. Immutable.
 */
public sealed interface SiteShortcode {

    Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_/-]{0,63}");
    int MAX_SNIPPET_LENGTH = 2_000;
    /** A parameter's name, or its position. */
    Pattern PARAMETER = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Whether a call has content and a closing tag. */
    boolean takesInner();

    /**
     * A built-in under the site's name, its parameters renamed: {@code imgtxt} as {@code figure}, with
     * {@code text} given as {@code caption}. A key of {@code parameters} that is a number names a
     * positional parameter.
     */
    record Alias(String builtIn, Map<String, String> parameters) implements SiteShortcode {

        public Alias {
            parameters = Map.copyOf(parameters);
        }

        @Override
        public boolean takesInner() {
            return Shortcodes.PAIRED.contains(builtIn);
        }
    }

    /**
     * HTML with placeholders: {@code {{ name }}} for a named parameter, {@code {{ 0 }}} for a positional
     * one, and {@code {{ inner }}} for the call's content, rendered as Markdown. Each placeholder is
     * escaped for where it stands: text, or a quoted attribute's value, where an address keeps only
     * http(s), mailto and relative forms. A placeholder anywhere else is refused when the snippet is
     * read, so no parameter can open a tag or an attribute; the body's sanitiser sees the result.
     */
    record Snippet(List<Part> parts) implements SiteShortcode {

        /** A piece of a snippet: HTML as written, or a placeholder with its context. */
        public sealed interface Part {
        }

        public record Html(String html) implements Part {
        }

        /** @param attribute the attribute whose quoted value holds it, lower case; empty in text */
        public record Placeholder(String name, Optional<String> attribute) implements Part {

            boolean isAddress() {
                return attribute.filter(URL_ATTRIBUTES::contains).isPresent();
            }
        }

        public static final String INNER = "inner";
        private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_-]{1,64})\\s*}}");
        private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "cite", "action", "poster", "srcset");
        private static final Pattern ATTRIBUTE_OPENING = Pattern.compile("([A-Za-z_:][-A-Za-z0-9_:.]*)\\s*=\\s*([\"'])$");

        public Snippet {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean takesInner() {
            return parts.stream().anyMatch(p -> p instanceof Placeholder placeholder && placeholder.name().equals(INNER));
        }

        /** The snippet read from its HTML, or why it cannot be one: worded for the site's editor. */
        public static Result read(String html) {
            if (html.length() > MAX_SNIPPET_LENGTH) {
                return Result.refused("can be at most " + MAX_SNIPPET_LENGTH + " characters");
            }
            String lower = html.toLowerCase(Locale.ROOT);
            if (lower.contains("<script") || lower.contains("<style") || lower.contains("<!--")) {
                return Result.refused("may not hold scripts, styles or comments");
            }
            List<Part> parts = new ArrayList<>();
            Matcher placeholders = PLACEHOLDER.matcher(html);
            int from = 0;
            while (placeholders.find()) {
                String before = html.substring(from, placeholders.start());
                parts.add(new Html(before));
                Optional<String> attribute = context(html.substring(0, placeholders.start()));
                String name = placeholders.group(1);
                if (attribute == null) {
                    return Result.refused("may use {{ " + name + " }} only in text or inside a quoted attribute value");
                }
                if (name.equals(INNER) && attribute.isPresent()) {
                    return Result.refused("may use {{ inner }} only in text, where its Markdown becomes HTML");
                }
                if (attribute.filter(a -> a.startsWith("on") || a.equals("style")).isPresent()) {
                    return Result.refused("may not put a parameter in the " + attribute.get() + " attribute");
                }
                parts.add(new Placeholder(name, attribute));
                from = placeholders.end();
            }
            parts.add(new Html(html.substring(from)));
            parts.removeIf(part -> part instanceof Html h && h.html().isEmpty());
            if (html.substring(from).contains("{{")) {
                return Result.refused("has a {{ that is not a placeholder such as {{ caption }}, {{ 0 }} or {{ inner }}");
            }
            return new Result(Optional.of(new Snippet(parts)), Optional.empty());
        }

        /**
         * Where the end of {@code html} stands: in text (empty), in a quoted attribute's value (its
         * name), or somewhere no parameter may go (null).
         */
        private static Optional<String> context(String html) {
            int open = html.lastIndexOf('<');
            if (open < 0 || html.lastIndexOf('>') > open) {
                return Optional.empty();
            }
            // Inside a tag: find the attribute whose quote is still open.
            String tag = html.substring(open);
            char quote = 0;
            int valueStart = -1;
            for (int i = 0; i < tag.length(); i++) {
                char c = tag.charAt(i);
                if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                    valueStart = i + 1;
                } else if (c == quote) {
                    quote = 0;
                }
            }
            if (quote == 0) {
                return null;
            }
            Matcher opening = ATTRIBUTE_OPENING.matcher(tag.substring(0, valueStart));
            return opening.find() ? Optional.of(opening.group(1).toLowerCase(Locale.ROOT)) : null;
        }
    }

    /** A mapping as read: the shortcode, or why it cannot be one. */
    record Result(Optional<SiteShortcode> shortcode, Optional<String> problem) {

        public static Result refused(String problem) {
            return new Result(Optional.empty(), Optional.of(problem));
        }
    }

    /** A built-in under another name, or why it cannot be one. */
    static Result alias(String builtIn, Map<String, String> parameters) {
        if (!Shortcodes.PAIRED.contains(builtIn) && !Shortcodes.STANDALONE.contains(builtIn)) {
            return Result.refused("names " + builtIn + ", which is not a built-in shortcode: one of "
                    + new java.util.TreeSet<>(Shortcodes.builtIns()));
        }
        for (Map.Entry<String, String> rename : parameters.entrySet()) {
            if (!PARAMETER.matcher(rename.getKey()).matches() || !PARAMETER.matcher(rename.getValue()).matches()) {
                return Result.refused("renames parameters by name or position, such as text: caption, not "
                        + rename.getKey() + ": " + rename.getValue());
            }
        }
        return new Result(Optional.of(new Alias(builtIn, parameters)), Optional.empty());
    }
}
