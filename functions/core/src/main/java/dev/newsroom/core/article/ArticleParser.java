package dev.newsroom.core.article;

import com.fasterxml.jackson.core.JacksonException;
import dev.newsroom.core.json.Json;
import dev.newsroom.core.shortcode.Shortcodes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses an uploaded article: Markdown with YAML front matter, or Hugo's TOML ({@code .md}), or the same fields as a
 * JSON document with the Markdown in {@code body} ({@code .json}). Pure: bytes in, article or
 * {@link InvalidArticleException} out.
 */
public final class ArticleParser {

    /** Far above any real article; keeps the stored item well under DynamoDB's 400 KB (G4). */
    public static final int MAX_SOURCE_BYTES = 256 * 1024;
    public static final int MAX_FRONT_MATTER_CHARS = 64 * 1024;
    /** In UTF-8 bytes, as DynamoDB counts an item's size. */
    public static final int MAX_BODY_HTML_BYTES = 300 * 1024;
    /** How much of the first paragraph stands in for a missing summary: a search snippet's length. */
    static final int SUMMARY_FROM_BODY = 160;

    private final MarkdownRenderer markdown;
    private final SiteRules rules;
    private final boolean pages;
    private final String siteName;
    private final ZoneId zone;

    /** @param rules what the site's configuration says about articles: their permalinks, shortcodes and parameters */
    public ArticleParser(MarkdownRenderer markdown, SiteRules rules, String siteName, ZoneId zone) {
        this(markdown, rules, false, siteName, zone);
    }

    private ArticleParser(MarkdownRenderer markdown, SiteRules rules, boolean pages, String siteName, ZoneId zone) {
        this.markdown = markdown;
        this.rules = rules;
        this.pages = pages;
        this.siteName = siteName;
        this.zone = zone;
    }

    /**
     * A parser of static pages ({@code pages/about.md}): at {@code /<slug>} unless their {@code url}
     * says otherwise, never listed, without comments.
     */
    public ArticleParser forPages() {
        return new ArticleParser(markdown, rules, true, siteName, zone);
    }

    /** A parser like this one, under another configuration of the site. */
    public ArticleParser under(SiteRules otherRules) {
        return new ArticleParser(markdown, otherRules, pages, siteName, zone);
    }

    /** True for the keys this parser reads; anything else under the article prefix is ignored. */
    public static boolean isArticleFile(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.endsWith(".md") || lower.endsWith(".json");
    }

    public Article parse(String sourceKey, byte[] bytes) throws InvalidArticleException {
        if (bytes.length == 0) {
            throw new InvalidArticleException("file", "is empty");
        }
        if (bytes.length > MAX_SOURCE_BYTES) {
            throw new InvalidArticleException("file", "is " + bytes.length + " bytes; the limit is " + MAX_SOURCE_BYTES);
        }
        String text = decodeUtf8(bytes);
        Source source;
        if (sourceKey.toLowerCase(Locale.ROOT).endsWith(".json")) {
            Map<String, Object> fields = FrontMatterMapper.canonical(jsonDocument(text));
            if (!(fields.remove("body") instanceof String markdown)) {
                throw new InvalidArticleException("body", "is required: the article's Markdown, as a string");
            }
            source = new Source(fields, markdown, 1);
        } else {
            source = markdownSource(text);
        }
        FrontMatterMapper.Mapped mapped = FrontMatterMapper.map(source.fields(), sourceKey, rules, pages, siteName, zone);
        ArticleMetadata metadata = mapped.metadata();
        MarkdownRenderer.Body rendered = isHtml(source.fields()) ? markdown.html(source.body())
                : markdown.render(source.body(), new Shortcodes.Page(source.fields(), rules.params(), this::pagePath, source.bodyLine(),
                        rules.shortcodes()));
        // A char takes at most three bytes in UTF-8, so only a long body needs its bytes counted.
        if (rendered.html().length() > MAX_BODY_HTML_BYTES / 3) {
            int htmlBytes = rendered.html().getBytes(StandardCharsets.UTF_8).length;
            if (htmlBytes > MAX_BODY_HTML_BYTES) {
                throw new InvalidArticleException("body", "renders to " + htmlBytes + " bytes of HTML; the limit is " + MAX_BODY_HTML_BYTES);
            }
        }
        if (metadata.summary().isEmpty() && !rendered.opening().isEmpty()) {
            metadata = metadata.withSummary(MarkdownRenderer.shorten(rendered.opening(), SUMMARY_FROM_BODY));
        }
        List<Problem> warnings = new ArrayList<>(mapped.warnings());
        rendered.warnings().forEach(warning -> warnings.add(new Problem("body", warning)));
        return new Article(metadata, rendered.html(), warnings, mapped.aliases(), rendered.siteSettingsUsed());
    }

    /**
     * True if the front matter says the body is HTML: {@code markup: html}, Hugo's own field for it,
     * which a WordPress import writes. Markdown is the default; Hugo's other formats cannot be read.
     */
    private static boolean isHtml(Map<String, Object> fields) throws InvalidArticleException {
        Object markup = fields.get("markup");
        if (markup == null || List.of("md", "markdown", "goldmark").contains(markup.toString().toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (markup.toString().equalsIgnoreCase("html")) {
            return true;
        }
        throw new InvalidArticleException("markup", "must be markdown (the default) or html; '" + markup
                + "' bodies cannot be read here");
    }

    /** The page a Hugo {@code ref} names by its file: the article that file publishes, by the slug its name gives. */
    private Optional<String> pagePath(String reference) {
        return Optional.of(Slugs.fromSourceKey(reference)).filter(slug -> !slug.isEmpty()).flatMap(rules.permalinks()::bySlug);
    }

    /**
     * An article as written: its front matter's fields, its body, and the line of the file the body
     * starts on.
     */
    public record Source(Map<String, Object> fields, String body, int bodyLine) {
    }

    /** Splits a Markdown article into its front matter's fields and its body, as {@link #parse} reads them. */
    public static Source markdownSource(String text) throws InvalidArticleException {
        boolean toml = text.substring(0, lineEnd(text, 0)).strip().equals("+++");
        int[] bounds = frontMatterBounds(text, toml ? "+++" : "---");
        String frontMatter = text.substring(bounds[0], bounds[1]);
        Map<String, Object> fields = FrontMatterMapper.canonical(toml ? FrontMatterToml.read(frontMatter) : FrontMatterYaml.read(frontMatter));
        int bodyLine = 1 + (int) text.substring(0, bounds[2]).chars().filter(c -> c == '\n').count();
        return new Source(fields, text.substring(bounds[2]), bodyLine);
    }

    private static String decodeUtf8(byte[] bytes) throws InvalidArticleException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            // Either the file holds a replacement character or it is malformed: the strict decoder tells which.
            text = strictUtf8(bytes);
        }
        // A byte-order mark from Windows editors is harmless; drop it.
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String strictUtf8(byte[] bytes) throws InvalidArticleException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (MalformedInputException e) {
            throw new InvalidArticleException("file", "is not valid UTF-8 (a bad byte sequence near byte "
                    + firstBadByte(bytes) + "); save it as UTF-8");
        } catch (CharacterCodingException e) {
            throw new InvalidArticleException("file", "is not valid UTF-8; save it as UTF-8");
        }
    }

    private static int firstBadByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        var in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length);
        decoder.decode(in, out, true);
        return in.position();
    }

    /**
     * Returns [front matter start, front matter end, body start] for a file opening with a {@code fence}
     * line: {@code ---} for YAML, {@code +++} for Hugo's TOML.
     */
    private static int[] frontMatterBounds(String text, String fence) throws InvalidArticleException {
        int firstLineEnd = lineEnd(text, 0);
        if (!text.substring(0, firstLineEnd).strip().equals(fence)) {
            throw new InvalidArticleException("front matter",
                    "is missing: the file must start with a line of three dashes (---), the fields, and another --- line"
                            + " (or +++ lines around TOML)");
        }
        int start = nextLine(text, firstLineEnd);
        int lineStart = start;
        while (lineStart < text.length() && lineStart - start <= MAX_FRONT_MATTER_CHARS) {
            int end = lineEnd(text, lineStart);
            String line = text.substring(lineStart, end).strip();
            if (line.equals(fence) || (fence.equals("---") && line.equals("..."))) {
                return new int[] {start, lineStart, nextLine(text, end)};
            }
            lineStart = nextLine(text, end);
        }
        if (lineStart - start > MAX_FRONT_MATTER_CHARS) {
            throw new InvalidArticleException("front matter", "is longer than " + MAX_FRONT_MATTER_CHARS + " characters");
        }
        throw new InvalidArticleException("front matter", "is not closed: add a line of " + (fence.equals("---")
                ? "three dashes (---)" : "three pluses (+++)") + " after the last field");
    }

    private static int lineEnd(String text, int from) {
        int newline = text.indexOf('\n', from);
        return newline < 0 ? text.length() : newline;
    }

    private static int nextLine(String text, int lineEnd) {
        return Math.min(text.length(), lineEnd + 1);
    }

    private static Map<String, Object> jsonDocument(String text) throws InvalidArticleException {
        Object document;
        try {
            document = Json.read(text);
        } catch (JacksonException e) {
            throw new InvalidArticleException("file", "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidArticleException("file", "is not valid JSON: " + e.getMessage());
        }
        if (!(document instanceof Map)) {
            throw new InvalidArticleException("file", "must be a JSON object of article fields");
        }
        return new LinkedHashMap<>(Json.object(document));
    }
}
