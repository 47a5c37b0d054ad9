package dev.newsroom.core.article;

import dev.newsroom.core.shortcode.MalformedShortcodeException;
import dev.newsroom.core.shortcode.Shortcodes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Article bodies: CommonMark with GFM tables, so raw HTML and links in a body can format text but
 * never run anything (C6). Immutable and thread-safe; build it once.
 *
 * <p>The renderer itself escapes all text and keeps only http(s), mailto and relative URLs, and
 * every element and attribute it writes is one {@link #BODY_POLICY} allows. Only a body with raw
 * HTML in it can carry anything else, so only such a body goes through the OWASP sanitiser: it
 * costs as much as parsing the Markdown.
 *
 * <p>Body headings move down when the body uses {@code #}, because the page's only {@code h1} is the
 * headline, and never skip a level.
 */
public final class MarkdownRenderer {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Pattern HEADING_TAG = Pattern.compile("<(/?)[hH]([1-6])(?=[\\s>/])");
    private static final Pattern FIRST_PARAGRAPH = Pattern.compile("<p\\b[^>]*>(.*?)</p>", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern EMPTY_CONTAINER = Pattern.compile(
            "<(table|thead|tbody|tfoot|tr|ul|ol|dl)\\b[^>]*>\\s*</\\1>|<dl\\b[^>]*>(?:\\s*<dt\\b[^>]*>\\s*</dt>)+\\s*</dl>");
    /**
     * A line break between a definition list's terms, where HTML allows none, as exports' hard breaks
     * leave them (the policy already moves those of other lists and of tables where HTML allows them).
     */
    private static final Pattern BREAK_IN_CONTAINER = Pattern.compile("(<dl\\b[^>]*>|</(?:dt|dd)>)(?:\\s*<br\\s*/?>)+");
    private static final Pattern ALIGN_CLASS = Pattern.compile("align-(left|center|right)");
    private static final Pattern CODE_LANGUAGE = Pattern.compile("language-[A-Za-z0-9_+#-]{1,40}");
    /** The URLs {@link #BODY_POLICY} allows; the renderer's own URL option would also mark every link nofollow. */
    private static final UrlSanitizer URLS = new DefaultUrlSanitizer(List.of("http", "https", "mailto"));

    /** The only frames a body may hold: the video shortcodes' players that set no tracking cookies. */
    private static final Pattern VIDEO_PLAYER = Pattern.compile(
            "https://www\\.youtube-nocookie\\.com/embed/[A-Za-z0-9_-]{1,64}|https://player\\.vimeo\\.com/video/\\d{1,30}\\?dnt=1");

    /**
     * What an article body may contain. Links and images keep only http(s), mailto and relative URLs;
     * frames only {@link #VIDEO_PLAYER}s.
     */
    static final PolicyFactory BODY_POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
                    "em", "strong", "i", "b", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr",
                    "cite", "q", "kbd", "dl", "dt", "dd", "ul", "ol", "li", "figure", "figcaption",
                    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "span", "a")
            // A frame whose address the policy refused is dropped whole, not left empty.
            .allowElements((name, attributes) -> attributes.contains("src") ? name : null, "iframe")
            // Only the details shortcode's disclosures, which always have their summary: HTML requires one.
            .allowElements((name, attributes) -> attributes.contains("disclosure") ? name : null, "details", "summary")
            .allowAttributes("class").matching(Pattern.compile("disclosure")).onElements("details", "summary")
            .allowAttributes("open").onElements("details")
            .allowAttributes("src").matching(VIDEO_PLAYER).onElements("iframe")
            .allowAttributes("loading").matching(Pattern.compile("lazy")).onElements("iframe")
            .allowAttributes("referrerpolicy").matching(Pattern.compile("strict-origin-when-cross-origin")).onElements("iframe")
            .allowAttributes("allowfullscreen").onElements("iframe")
            .allowAttributes("class").matching(Pattern.compile("embed")).onElements("figure")
            .allowAttributes("class").matching(Pattern.compile("embed-link")).onElements("p")
            .allowStandardUrlProtocols()
            .allowAttributes("href").onElements("a")
            .allowAttributes("title").globally()
            .allowAttributes("start").matching(Pattern.compile("\\d{1,9}")).onElements("ol") // CommonMark allows 9 digits
            .allowAttributes("class").matching(ALIGN_CLASS).onElements("th", "td")
            .allowAttributes("class").matching(CODE_LANGUAGE).onElements("code")
            .allowElements((name, attributes) -> {
                // Every image needs alt text to be valid HTML; a missing one marks it decorative. And every body
                // image loads as the Markdown renderer's do: lazily, decoded off the main thread.
                for (String[] wanted : new String[][] {{"alt", ""}, {"loading", "lazy"}, {"decoding", "async"}}) {
                    if (!hasAttribute(attributes, wanted[0])) {
                        attributes.add(wanted[0]);
                        attributes.add(wanted[1]);
                    }
                }
                return name;
            }, "img")
            .allowAttributes("src", "alt", "width", "height").onElements("img")
            .allowAttributes("loading").matching(Pattern.compile("lazy")).onElements("img")
            .allowAttributes("decoding").matching(Pattern.compile("async")).onElements("img")
            .toFactory();

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .attributeProviderFactory(context -> MarkdownRenderer::attributes)
            .build();

    /**
     * A rendered body: sanitised HTML, the plain text of its first paragraph, what had to be guessed or
     * left out, and what it drew from the site's configuration ({@link Shortcodes.Expansion#siteSettingsUsed}).
     */
    public record Body(String html, String opening, List<String> warnings, java.util.Set<String> siteSettingsUsed) {
    }

    private final Shortcodes shortcodes = new Shortcodes();
    private final Shortcodes.Markdown fragments = new Shortcodes.Markdown() {
        @Override
        public String blocks(String markdown) {
            return renderer.render(parser.parse(markdown));
        }

        @Override
        public String inline(String markdown) {
            String html = blocks(markdown).strip();
            return html.startsWith("<p>") && html.endsWith("</p>") && html.indexOf("<p>", 1) < 0
                    ? html.substring(3, html.length() - 4) : html;
        }
    };

    /**
     * Renders a body, its shortcodes expanded for {@code page}.
     *
     * @throws InvalidArticleException if its shortcodes are malformed as Hugo would refuse them
     */
    public Body render(String markdown, Shortcodes.Page page) throws InvalidArticleException {
        Shortcodes.Expansion expansion;
        try {
            expansion = shortcodes.expand(markdown, page, fragments);
        } catch (MalformedShortcodeException e) {
            throw new InvalidArticleException("body", e.getMessage());
        }
        Node document = parser.parse(expansion.markdown());
        List<Heading> headings = new ArrayList<>();
        List<Paragraph> paragraphs = new ArrayList<>();
        boolean[] rawHtml = new boolean[1];
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlBlock html) {
                rawHtml[0] = true;
            }

            @Override
            public void visit(HtmlInline html) {
                rawHtml[0] = true;
            }

            @Override
            public void visit(Heading heading) {
                headings.add(heading);
                visitChildren(heading);
            }

            @Override
            public void visit(Paragraph paragraph) {
                if (paragraph.getParent() == document) {
                    paragraphs.add(paragraph);
                }
                visitChildren(paragraph);
            }
        });
        int[] levels = levelsOnThePage(headings.stream().mapToInt(Heading::getLevel).toArray());
        for (int i = 0; i < levels.length; i++) {
            headings.get(i).setLevel(levels[i]);
        }
        // The first paragraph with words in it: one that holds only a shortcode's figure has none.
        String opening = paragraphs.stream().map(p -> Shortcodes.Expansion.withoutTokens(plainText(p)).strip())
                .filter(text -> !text.isEmpty()).findFirst().orElse("");
        // Sized for the HTML, a little longer than its Markdown, so the buffer is not copied as it grows from empty.
        StringBuilder html = new StringBuilder(markdown.length() + markdown.length() / 2);
        renderer.render(document, html);
        String body = expansion.substitute(html.toString());
        return new Body(rawHtml[0] || expansion.hasHtml() ? sanitised(body) : body, opening, expansion.warnings(), expansion.siteSettingsUsed());
    }

    /**
     * Renders a body written in HTML, as WordPress stores it: its headings are moved as a Markdown
     * body's are, then it is sanitised with the same policy.
     */
    public Body html(String html) {
        String body = sanitised(headingsBelowTheHeadline(html));
        Matcher paragraph = FIRST_PARAGRAPH.matcher(body);
        String opening = "";
        while (opening.isEmpty() && paragraph.find()) {
            opening = singleSpaced(Entities.unescape(TAG.matcher(paragraph.group(1)).replaceAll(""))).strip();
        }
        return new Body(body, opening, List.of(), java.util.Set.of());
    }

    /** Whether an element's attributes, as the sanitiser lists them (name, value, name, value, …), include {@code name}. */
    private static boolean hasAttribute(List<String> attributes, String name) {
        for (int i = 0; i < attributes.size(); i += 2) {
            if (attributes.get(i).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Raw HTML through {@link #BODY_POLICY}, then without the empty tables, rows, lists and definition
     * lists that exports hold (WordPress's {@code <dl><dt></dt></dl>}), nor the line breaks between a
     * definition list's terms, which HTML forbids.
     */
    private static String sanitised(String html) {
        String out = BREAK_IN_CONTAINER.matcher(BODY_POLICY.sanitize(html)).replaceAll("$1");
        for (String before = null; !out.equals(before); ) {
            before = out;
            out = EMPTY_CONTAINER.matcher(out).replaceAll("");
        }
        return out;
    }

    /**
     * Body heading levels as the page shows them. The page's only h1 is the headline, so the body's top
     * level becomes h2; and no heading is more than one level below the heading before it (## then #####
     * becomes h2 then h3), as HTML's outline wants. Markdown and HTML bodies both go through here.
     */
    static int[] levelsOnThePage(int[] written) {
        int shift = Math.max(0, 2 - java.util.Arrays.stream(written).min().orElse(2));
        int[] levels = new int[written.length];
        int previous = 1;
        for (int i = 0; i < written.length; i++) {
            levels[i] = Math.min(Math.min(6, written[i] + shift), previous + 1);
            previous = levels[i];
        }
        return levels;
    }

    /** An HTML body's heading tags renumbered by {@link #levelsOnThePage}; a closing tag follows its opening. */
    private static String headingsBelowTheHeadline(String html) {
        Matcher tags = HEADING_TAG.matcher(html);
        List<Integer> written = new ArrayList<>();
        while (tags.find()) {
            if (tags.group(1).isEmpty()) {
                written.add(Integer.parseInt(tags.group(2)));
            }
        }
        int[] levels = levelsOnThePage(written.stream().mapToInt(Integer::intValue).toArray());
        int[] next = {0};
        Deque<Integer> open = new ArrayDeque<>();
        return tags.reset().replaceAll(tag -> {
            int level;
            if (tag.group(1).isEmpty()) {
                level = levels[next[0]++];
                open.push(level);
            } else {
                level = open.isEmpty() ? Math.min(6, Integer.parseInt(tag.group(2))) : open.pop();
            }
            return "<" + tag.group(1) + "h" + level;
        });
    }

    /** The words a reader sees in a block: text and code spans, without link targets or markup. */
    private static String plainText(Node block) {
        StringBuilder out = new StringBuilder();
        block.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                out.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak lineBreak) {
                out.append(' ');
            }

            @Override
            public void visit(HardLineBreak lineBreak) {
                out.append(' ');
            }
        });
        return singleSpaced(out).strip();
    }

    /** Each run of white space ({@code \s}) as one space; a loop, as a regular expression rewrote every single space. */
    private static String singleSpaced(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && (c < '\t' || c > '\r')) {
                out.append(c);
            } else if (out.isEmpty() || out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
        }
        return out.toString();
    }

    /** Shortens text to at most {@code max} characters at a word boundary, marking the cut with an ellipsis. */
    public static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        return text.substring(0, cut > max / 2 ? cut : max - 1).strip() + "…";
    }

    /**
     * Swaps attributes HTML5 calls obsolete for ones it accepts, makes body images lazy, and keeps
     * only the URLs and code language classes {@link #BODY_POLICY} allows.
     */
    private static void attributes(Node node, String tagName, java.util.Map<String, String> attributes) {
        if (node instanceof Link) {
            attributes.computeIfPresent("href", (name, url) -> URLS.sanitizeLinkUrl(url));
        } else if (node instanceof FencedCodeBlock) {
            attributes.computeIfPresent("class", (name, value) -> CODE_LANGUAGE.matcher(value).matches() ? value : null);
        } else if (node instanceof TableCell) {
            String align = attributes.remove("align");
            if (align != null) {
                attributes.put("class", "align-" + align.toLowerCase(Locale.ROOT));
            }
        } else if (node instanceof Image) {
            attributes.computeIfPresent("src", (name, url) -> URLS.sanitizeImageUrl(url));
            attributes.put("loading", "lazy");
            attributes.put("decoding", "async");
        }
    }
}
