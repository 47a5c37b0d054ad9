package dev.newsroom.migrate.wordpress;

import dev.newsroom.migrate.Patterns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A post's content as WordPress shows it, in HTML: Gutenberg's block comments removed, classic
 * content given paragraphs from its blank lines (WordPress's {@code wpautop}), and the core
 * shortcodes {@code [caption]}, {@code [gallery]}, {@code [embed]}, {@code [audio]} and
 * {@code [video]} rendered. Other shortcodes stay as written, as WordPress shows a shortcode nothing
 * registered. The result goes through the publish function's sanitiser like any body. Pure.
 */
public final class WordPressBodies {

    private static final Pattern BLOCK_COMMENT = Pattern.compile("<!--\\s*/?wp:[^>]*?-->\\n?|<!--(?:more|nextpage)(?:\\s[^>]*)?-->");
    private static final Pattern PRE = Pattern.compile("<pre\\b.*?</pre>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n");
    private static final Pattern STARTS_WITH_BLOCK = Pattern.compile("^</?(?:table|thead|tfoot|caption|col|colgroup|tbody|tr"
            + "|td|th|div|dl|dd|dt|ul|ol|li|pre|form|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section"
            + "|article|aside|hgroup|header|footer|nav|figure|figcaption|details|summary|iframe|video|audio|object"
            + "|!--)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CAPTION = Pattern.compile("\\[(?:caption|wp_caption)([^\\]]*)](.*?)\\[/(?:caption|wp_caption)]",
            Pattern.DOTALL);
    private static final Pattern CAPTION_MEDIA = Pattern.compile("^\\s*((?:<a\\b[^>]*>\\s*)?<img\\b[^>]*>(?:\\s*</a>)?)(.*)$",
            Pattern.DOTALL);
    private static final Pattern GALLERY = Pattern.compile("\\[gallery([^\\]]*)]");
    private static final Pattern EMBED = Pattern.compile("\\[embed[^\\]]*](.*?)\\[/embed]", Pattern.DOTALL);
    private static final Pattern MEDIA = Pattern.compile("\\[(audio|video)([^\\]]*)](?:.*?\\[/\\1])?", Pattern.DOTALL);
    /** A URL alone on its line, which WordPress turns into an embed. */
    private static final Pattern BARE_URL = Pattern.compile("(?m)^\\s*(https?://[^\\s<>\"]+)\\s*$");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z0-9_-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|(\\S+))");

    /** An attachment's address and title, for galleries. */
    public record Attachment(long id, String url, String title) {
    }

    /**
     * @param attachments an attachment by id, for {@code [gallery ids=…]}
     * @param attached    the attachments whose parent is this post, for a {@code [gallery]} without ids
     */
    public static String html(String content, Function<Long, Attachment> attachments, List<Attachment> attached) {
        String text = content.replace("\r\n", "\n");
        boolean blocks = text.contains("<!-- wp:");
        text = BLOCK_COMMENT.matcher(text).replaceAll("");
        text = Patterns.replace(CAPTION, text, m -> caption(attributes(m.group(1)), m.group(2)));
        text = Patterns.replace(GALLERY, text, m -> gallery(attributes(m.group(1)), attachments, attached));
        text = Patterns.replace(EMBED, text, m -> link(m.group(1).strip()));
        text = Patterns.replace(MEDIA, text, m -> media(m.group(1), attributes(m.group(2))));
        text = Patterns.replace(BARE_URL, text, m -> link(m.group(1)));
        return blocks ? text.strip() : paragraphs(text);
    }

    /** WordPress's wpautop, in short: blank lines end paragraphs, single line breaks become {@code <br>}, pre stays. */
    static String paragraphs(String text) {
        List<String> kept = new ArrayList<>();
        String protectedText = Patterns.replace(PRE, text, m -> {
            kept.add(m.group());
            return "\u0000" + (kept.size() - 1) + "\u0000";
        });
        StringBuilder out = new StringBuilder();
        for (String chunk : BLANK_LINES.split(protectedText.strip())) {
            String block = chunk.strip();
            if (block.isEmpty()) {
                continue;
            }
            if (STARTS_WITH_BLOCK.matcher(block).find() || block.startsWith("\u0000")) {
                out.append(block);
            } else {
                out.append("<p>").append(block.replaceAll("\\s*\\n\\s*", "<br>\n")).append("</p>");
            }
            out.append("\n\n");
        }
        return Pattern.compile("\u0000(\\d+)\u0000").matcher(out.toString().strip())
                .replaceAll(m -> Matcher.quoteReplacement(kept.get(Integer.parseInt(m.group(1)))));
    }

    private static String caption(Map<String, String> attributes, String inner) {
        Matcher media = CAPTION_MEDIA.matcher(inner);
        if (!media.matches()) {
            return inner;
        }
        String caption = attributes.getOrDefault("caption", media.group(2).strip());
        return "<figure>" + media.group(1) + (caption.isEmpty() ? "" : "<figcaption>" + caption + "</figcaption>") + "</figure>";
    }

    private static String gallery(Map<String, String> attributes, Function<Long, Attachment> attachments,
                                  List<Attachment> attached) {
        List<Attachment> images = new ArrayList<>();
        String ids = attributes.getOrDefault("ids", attributes.getOrDefault("include", ""));
        if (ids.isBlank()) {
            images.addAll(attached);
        } else {
            for (String id : ids.split(",")) {
                try {
                    Attachment attachment = attachments.apply(Long.parseLong(id.strip()));
                    if (attachment != null) {
                        images.add(attachment);
                    }
                } catch (NumberFormatException e) {
                    // an id that is not one names nothing
                }
            }
        }
        if (images.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<figure>");
        images.forEach(image -> out.append("<img src=\"").append(escape(image.url())).append("\" alt=\"")
                .append(escape(image.title())).append("\">"));
        return out.append("</figure>").toString();
    }

    private static String media(String kind, Map<String, String> attributes) {
        String src = attributes.getOrDefault("src", attributes.values().stream()
                .filter(v -> v.startsWith("http")).findFirst().orElse(""));
        return src.isEmpty() ? "" : "<p>" + (kind.equals("audio") ? "Audio" : "Video") + ": <a href=\"" + escape(src) + "\">"
                + escape(src) + "</a></p>";
    }

    private static String link(String url) {
        return "<p><a href=\"" + escape(url) + "\">" + escape(url) + "</a></p>";
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(text);
        while (m.find()) {
            String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
            attributes.put(m.group(1).toLowerCase(java.util.Locale.ROOT), value);
        }
        return attributes;
    }

    /** Text for an HTML attribute or element, in the one place this class writes values into HTML. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private WordPressBodies() {
    }
}
