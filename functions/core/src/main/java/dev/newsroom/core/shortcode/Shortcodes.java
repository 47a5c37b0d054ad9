package dev.newsroom.core.shortcode;

import dev.newsroom.core.shortcode.ShortcodeSyntax.Call;
import dev.newsroom.core.shortcode.ShortcodeSyntax.Piece;
import dev.newsroom.core.shortcode.ShortcodeSyntax.Text;
import dev.newsroom.core.shortcode.ShortcodeViews.CodeBlock;
import dev.newsroom.core.shortcode.ShortcodeViews.Details;
import dev.newsroom.core.shortcode.ShortcodeViews.Figure;
import dev.newsroom.core.shortcode.ShortcodeViews.LinkCard;
import dev.newsroom.core.shortcode.ShortcodeViews.Video;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.html.escape.Escape;
import gg.jte.output.StringOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands Hugo's shortcodes in a body before it is rendered as Markdown, so readers never see their
 * delimiters. The built-ins render as Hugo renders them, where nothing may be fetched at publish time
 * and nothing may run in the reader's browser:
 * <ul>
 *   <li>{@code figure}: an image with its caption, title, attribution and link;</li>
 *   <li>{@code youtube} and {@code vimeo}: a lazy frame on the providers' no-tracking players;</li>
 *   <li>{@code x}, {@code tweet}, {@code twitter}, {@code gist} and {@code instagram}: a link to the post;</li>
 *   <li>{@code highlight}: a code block with its language; {@code details}: a disclosure;</li>
 *   <li>{@code ref} and {@code relref}: the target page's path; {@code param}: the page's or the site's parameter;</li>
 *   <li>{@code comment}: removed.</li>
 * </ul>
 * A shortcode nobody defined shows its content without it and is reported. Parameters are outside
 * input: the templates escape them for their context, URLs keep only http(s) and relative forms, and
 * the body's sanitiser sees the result. Immutable and thread-safe.
 */
public final class Shortcodes {

    /**
     * Where a shortcode's HTML goes in the Markdown: private-use characters no editor types, which
     * CommonMark passes through, and which are removed from the body before expansion.
     */
    private static final char TOKEN_START = '\uE000';
    private static final char TOKEN_END = '\uE001';
    private static final Pattern TOKEN = Pattern.compile("<p>\uE000(\\d+)\uE001</p>|\uE000(\\d+)\uE001");
    private static final Pattern PROVIDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern NUMERIC_ID = Pattern.compile("\\d{1,30}");
    private static final Pattern X_USER = Pattern.compile("[A-Za-z0-9_]{1,15}");
    private static final Pattern GITHUB_USER = Pattern.compile("[A-Za-z0-9-]{1,39}");
    private static final Pattern GIST_FILE = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_+#-]{1,40}");
    private static final Pattern DIMENSION = Pattern.compile("\\d{1,5}");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    static final Set<String> PAIRED = Set.of("details", "highlight", "comment");
    static final Set<String> STANDALONE = Set.of("figure", "youtube", "vimeo", "x", "tweet", "twitter",
            "gist", "instagram", "ref", "relref", "param");
    private static final Pattern POSITION = Pattern.compile("\\d{1,2}");

    /** Renders Markdown that a shortcode holds: its content, or a caption. */
    public interface Markdown {
        /** Blocks, as a body's. */
        String blocks(String markdown);

        /** One paragraph's content, without the paragraph. */
        String inline(String markdown);
    }

    /**
     * What a page offers its shortcodes.
     *
     * @param frontMatter the page's fields as written, for {@code param}
     * @param siteParams  the site's parameters, for {@code param} when the page has none
     * @param pagePath    the path of another page, from a {@code ref}'s reference, if there is one
     * @param firstLine   the line of its file that the body starts on, for the lines reports name
     * @param own         the site's own shortcodes, by name; one may stand in for a built-in
     */
    public record Page(Map<String, Object> frontMatter, Map<String, Object> siteParams,
                       Function<String, Optional<String>> pagePath, int firstLine, Map<String, SiteShortcode> own) {

        public Page(Map<String, Object> frontMatter, Map<String, Object> siteParams, Function<String, Optional<String>> pagePath, int firstLine) {
            this(frontMatter, siteParams, pagePath, firstLine, Map.of());
        }
    }

    /** What a body's expansion drew from the site's configuration, so a change to it finds the bodies it affects. */
    public static String usesShortcode(String name) {
        return "shortcode:" + name;
    }

    public static String usesParam(String name) {
        return "param:" + name;
    }

    /** The built-ins' names. */
    public static Set<String> builtIns() {
        Set<String> all = new java.util.TreeSet<>(PAIRED);
        all.addAll(STANDALONE);
        return all;
    }

    /**
     * A body with its shortcodes expanded: Markdown in which each shortcode that makes HTML is a
     * token, that HTML, what had to be guessed or left out, and what it drew from the site's
     * configuration ({@link #usesShortcode}, {@link #usesParam}).
     */
    public record Expansion(String markdown, List<String> html, List<String> warnings, Set<String> siteSettingsUsed) {

        public Expansion {
            siteSettingsUsed = Set.copyOf(siteSettingsUsed);
        }

        public boolean hasHtml() {
            return !html.isEmpty();
        }

        /** The rendered body with each token replaced by its HTML; a token alone in a paragraph replaces the paragraph. */
        public String substitute(String rendered) {
            if (html.isEmpty()) {
                return rendered;
            }
            Matcher tokens = TOKEN.matcher(rendered);
            StringBuilder out = new StringBuilder(rendered.length() + 256);
            while (tokens.find()) {
                String index = tokens.group(1) != null ? tokens.group(1) : tokens.group(2);
                tokens.appendReplacement(out, Matcher.quoteReplacement(substitute(html.get(Integer.parseInt(index)))));
            }
            tokens.appendTail(out);
            return out.toString();
        }

        /** Text with the tokens removed: what a reader reads of it. */
        public static String withoutTokens(String text) {
            return text.indexOf(TOKEN_START) < 0 ? text : TOKEN.matcher(text).replaceAll("");
        }
    }

    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

    public Expansion expand(String body, Page page, Markdown markdown) throws MalformedShortcodeException {
        String source = body.indexOf(TOKEN_START) < 0 && body.indexOf(TOKEN_END) < 0 ? body
                : body.replace(String.valueOf(TOKEN_START), "").replace(String.valueOf(TOKEN_END), "");
        if (!source.contains("{{")) {
            return new Expansion(source, List.of(), List.of(), Set.of());
        }
        List<Piece> pieces = ShortcodeSyntax.parse(source, page.firstLine(), name -> takesInner(page, name));
        var work = new Work(page, markdown);
        StringBuilder out = new StringBuilder(source.length());
        work.append(pieces, out);
        return new Expansion(out.toString(), work.html, work.warnings, work.used);
    }

    private static Optional<Boolean> takesInner(Page page, String name) {
        SiteShortcode own = page.own().get(name);
        if (own != null) {
            return Optional.of(own.takesInner());
        }
        if (PAIRED.contains(name)) {
            return Optional.of(true);
        }
        return STANDALONE.contains(name) ? Optional.of(false) : Optional.empty();
    }

    /** One body's expansion: the HTML made so far and the warnings. */
    private final class Work {
        final Page page;
        final Markdown markdown;
        final List<String> html = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final Set<String> used = new java.util.HashSet<>();

        Work(Page page, Markdown markdown) {
            this.page = page;
            this.markdown = markdown;
        }

        void append(List<Piece> pieces, StringBuilder out) {
            for (Piece piece : pieces) {
                if (piece instanceof Text text) {
                    out.append(text.text());
                } else {
                    expand((Call) piece, out);
                }
            }
        }

        void expand(Call call, StringBuilder out) {
            SiteShortcode own = page.own().get(call.name());
            if (own != null) {
                used.add(usesShortcode(call.name()));
            }
            if (own instanceof SiteShortcode.Alias alias) {
                builtIn(renamed(call, alias), out);
            } else if (own instanceof SiteShortcode.Snippet snippet) {
                token(snippet(call, snippet), out);
            } else {
                builtIn(call, out);
            }
        }

        /** The call as the built-in takes it: under its name, with the site's parameters renamed. */
        Call renamed(Call call, SiteShortcode.Alias alias) {
            Map<String, String> named = new java.util.HashMap<>(call.named());
            alias.parameters().forEach((from, to) -> call.param(from, POSITION.matcher(from).matches() ? Integer.parseInt(from) : -1)
                    .ifPresent(value -> named.put(to, value)));
            return new Call(alias.builtIn(), call.positional(), named, call.markdown(), call.inner(), call.innerSource(), call.line());
        }

        String snippet(Call call, SiteShortcode.Snippet snippet) {
            StringOutput html = new StringOutput(256);
            for (SiteShortcode.Snippet.Part part : snippet.parts()) {
                if (part instanceof SiteShortcode.Snippet.Html literal) {
                    html.writeContent(literal.html());
                } else if (part instanceof SiteShortcode.Snippet.Placeholder placeholder) {
                    if (placeholder.name().equals(SiteShortcode.Snippet.INNER)) {
                        html.writeContent(markdown.blocks(inner(call)));
                        continue;
                    }
                    String name = placeholder.name();
                    String value = call.given(name, POSITION.matcher(name).matches() ? Integer.parseInt(name) : -1).orElse("");
                    if (placeholder.isAddress()) {
                        value = value.isEmpty() ? "" : url(call, name, value).orElse("");
                    }
                    if (placeholder.attribute().isPresent()) {
                        Escape.htmlAttribute(value, html);
                    } else {
                        Escape.htmlContent(value, html);
                    }
                }
            }
            return html.toString();
        }

        void builtIn(Call call, StringBuilder out) {
            switch (call.name()) {
                case "comment" -> { }
                case "param" -> param(call).ifPresent(out::append);
                case "ref", "relref" -> out.append(reference(call));
                case "figure" -> figure(call).ifPresent(h -> token(h, out));
                case "youtube" -> youtube(call).ifPresent(h -> token(h, out));
                case "vimeo" -> vimeo(call).ifPresent(h -> token(h, out));
                case "x", "tweet", "twitter" -> post(call).ifPresent(h -> token(h, out));
                case "gist" -> gist(call).ifPresent(h -> token(h, out));
                case "instagram" -> instagram(call).ifPresent(h -> token(h, out));
                case "highlight" -> token(render("highlight", new CodeBlock(
                        call.given("lang", 0).filter(l -> LANGUAGE.matcher(l).matches()).map(l -> "language-" + l).orElse(null),
                        trimOneNewline(call.innerSource()))), out);
                case "details" -> token(render("details", new Details(
                        call.given("open", -1).map(v -> v.equals("true")).orElse(false),
                        markdown.inline(call.given("summary", -1).orElse("Details")),
                        markdown.blocks(inner(call)))), out);
                default -> {
                    warn(call, call.inner().isPresent()
                            ? "is not a shortcode this site defines: its content is shown without it"
                            : "is not a shortcode this site defines: it was left out");
                    call.inner().ifPresent(inner -> append(inner, out));
                }
            }
        }

        /** The content of a paired call, its own shortcodes expanded. */
        String inner(Call call) {
            StringBuilder out = new StringBuilder();
            call.inner().ifPresent(inner -> append(inner, out));
            return out.toString();
        }

        Optional<String> param(Call call) {
            Optional<String> name = call.given("name", 0);
            if (name.isEmpty()) {
                warn(call, "names no parameter: it was left out");
                return Optional.empty();
            }
            Optional<Object> value = lookup(page.frontMatter(), name.get())
                    .or(() -> lookup(page.frontMatter(), "params." + name.get()));
            if (value.isEmpty()) {
                // Set by the site, or by nobody yet: either way a change to the site's parameters affects this body.
                used.add(usesParam(name.get()));
                value = lookup(page.siteParams(), name.get());
            }
            if (value.isEmpty() || value.get() instanceof Map || value.get() instanceof List) {
                warn(call, "names " + name.get() + ", which "
                        + (value.isEmpty() ? "neither the page nor the site sets" : "is not text") + ": it was left out");
                return Optional.empty();
            }
            return Optional.of(value.get().toString());
        }

        String reference(Call call) {
            Optional<String> target = call.given("path", 0);
            if (target.isEmpty()) {
                warn(call, "names no page: it links to the page itself");
                return "#";
            }
            int hash = target.get().indexOf('#');
            String reference = hash < 0 ? target.get() : target.get().substring(0, hash);
            String fragment = hash < 0 ? "" : target.get().substring(hash);
            if (reference.isEmpty()) {
                return fragment;
            }
            Optional<String> path = page.pagePath().apply(reference);
            if (path.isEmpty()) {
                warn(call, "names " + reference + ", which is not a page here: it links to the page itself");
                return "#";
            }
            return path.get() + fragment;
        }

        Optional<String> figure(Call call) {
            Optional<String> src = call.given("src", -1).flatMap(url -> url(call, "src", url));
            if (src.isEmpty()) {
                warn(call, "has no usable src: it was left out");
                return Optional.empty();
            }
            String caption = call.given("caption", -1).map(markdown::inline).orElse("");
            String alt = call.given("alt", -1).orElseGet(() -> call.given("caption", -1).map(Shortcodes::plain).orElse(""));
            return Optional.of(render("figure", new Figure(src.get(), alt,
                    call.given("link", -1).flatMap(url -> url(call, "link", url)).orElse(null),
                    call.given("width", -1).filter(w -> DIMENSION.matcher(w).matches()).orElse(null),
                    call.given("height", -1).filter(h -> DIMENSION.matcher(h).matches()).orElse(null),
                    call.given("title", -1).orElse(null),
                    caption,
                    call.given("attr", -1).map(markdown::inline).orElse(null),
                    call.given("attrlink", -1).flatMap(url -> url(call, "attrlink", url)).orElse(null))));
        }

        Optional<String> youtube(Call call) {
            return id(call, "id", PROVIDER_ID).map(id -> render("video", new Video(
                    "https://www.youtube-nocookie.com/embed/" + id,
                    call.given("title", -1).orElse("YouTube video"))));
        }

        Optional<String> vimeo(Call call) {
            return id(call, "id", NUMERIC_ID).map(id -> render("video", new Video(
                    "https://player.vimeo.com/video/" + id + "?dnt=1",
                    call.given("title", -1).orElse("Vimeo video"))));
        }

        /** {@code x user=… id=…}, and the older {@code tweet ID} that names no user. */
        Optional<String> post(Call call) {
            Optional<String> id = call.named().containsKey("id") || call.positional().size() != 1
                    ? id(call, "id", NUMERIC_ID) : id(call, "id", 0, NUMERIC_ID);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> user = call.given("user", -1).filter(u -> X_USER.matcher(u).matches());
            return Optional.of(render("link", user
                    .map(u -> new LinkCard("https://x.com/" + u + "/status/" + id.get(), "Post by @" + u + " on X"))
                    .orElseGet(() -> new LinkCard("https://x.com/i/status/" + id.get(), "Post on X"))));
        }

        Optional<String> gist(Call call) {
            Optional<String> user = call.given("user", 0).filter(u -> GITHUB_USER.matcher(u).matches());
            Optional<String> id = id(call, "id", 1, PROVIDER_ID);
            if (user.isEmpty() || id.isEmpty()) {
                warn(call, "needs a GitHub user and a gist id: it was left out");
                return Optional.empty();
            }
            String file = call.given("file", 2).filter(f -> GIST_FILE.matcher(f).matches())
                    .map(f -> "#file-" + f.toLowerCase(Locale.ROOT).replace('.', '-')).orElse("");
            return Optional.of(render("link", new LinkCard("https://gist.github.com/" + user.get() + "/" + id.get() + file,
                    "Gist by " + user.get() + " on GitHub")));
        }

        Optional<String> instagram(Call call) {
            return id(call, "id", PROVIDER_ID).map(id -> render("link",
                    new LinkCard("https://www.instagram.com/p/" + id + "/", "Post on Instagram")));
        }

        Optional<String> id(Call call, String name, Pattern shape) {
            return id(call, name, 0, shape);
        }

        Optional<String> id(Call call, String name, int index, Pattern shape) {
            Optional<String> id = call.given(name, index);
            if (id.isPresent() && shape.matcher(id.get()).matches()) {
                return id;
            }
            warn(call, id.isEmpty() ? "needs an id: it was left out" : "has an id that is not one: it was left out");
            return Optional.empty();
        }

        /** A link or image address as written, if it is http(s), mailto for links, or relative to the site or page. */
        Optional<String> url(Call call, String param, String url) {
            Matcher scheme = SCHEME.matcher(url);
            if (!scheme.find()) {
                return url.startsWith("//") ? Optional.of("https:" + url) : Optional.of(url);
            }
            String name = scheme.group().toLowerCase(Locale.ROOT);
            if (name.equals("http:") || name.equals("https:") || (name.equals("mailto:") && !param.equals("src"))) {
                return Optional.of(url);
            }
            warn(call, "has a " + param + " that is not an http(s) address: it was left out");
            return Optional.empty();
        }

        void token(String html, StringBuilder out) {
            out.append(TOKEN_START).append(this.html.size()).append(TOKEN_END);
            this.html.add(html);
        }

        void warn(Call call, String message) {
            warnings.add("line " + call.line() + ": the shortcode " + call.written() + " " + message);
        }
    }

    private String render(String template, Object view) {
        StringOutput out = new StringOutput(256);
        templates.render("shortcode/" + template + ".jte", view, out);
        return out.toString().strip();
    }

    /** A field of {@code fields} at a dotted path, its keys matched without case, as Hugo's parameters are. */
    public static Optional<Object> lookup(Map<String, Object> fields, String path) {
        Object node = fields;
        for (String key : path.split("\\.", -1)) {
            if (!(node instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            Object next = map.get(key);
            if (next == null) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (entry.getKey().toString().equalsIgnoreCase(key)) {
                        next = entry.getValue();
                        break;
                    }
                }
            }
            node = next;
        }
        return Optional.ofNullable(node);
    }

    /** A caption's words without its Markdown, for the alt text Hugo derives from it. */
    private static String plain(String markdown) {
        return markdown.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1").replaceAll("[*_`]", "").strip();
    }

    private static String trimOneNewline(String code) {
        String trimmed = code.startsWith("\r\n") ? code.substring(2) : code.startsWith("\n") ? code.substring(1) : code;
        return trimmed.endsWith("\n") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
