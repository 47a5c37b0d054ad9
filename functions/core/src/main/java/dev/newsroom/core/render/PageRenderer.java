package dev.newsroom.core.render;

import dev.newsroom.core.discussion.Discussion;
import dev.newsroom.core.discussion.ShownComment;
import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleMetadata;
import dev.newsroom.core.article.Author;
import dev.newsroom.core.article.MarkdownRenderer;
import dev.newsroom.core.article.RelatedArticle;
import dev.newsroom.core.article.Term;
import dev.newsroom.core.article.Translation;
import dev.newsroom.core.hash.Sha256;
import dev.newsroom.core.index.Archive;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.index.ListingState;
import dev.newsroom.core.site.SiteConfig;
import dev.newsroom.core.site.SiteLayout;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders pages with the templates compiled at build time. Templates escape every value for its
 * context; the only raw output is the body (already sanitised by {@link MarkdownRenderer}) and the
 * JSON-LD (already encoded by {@link ScriptJson}).
 * Thread-safe; build it once.
 */
public final class PageRenderer {

    /**
     * The page's own script for comments, a constant of ours. It is an asset named by its content,
     * so readers' browsers and the CDN keep it for a year and fetch it once for every article.
     */
    public static final Asset COMMENTS_SCRIPT = Asset.named("/" + SiteLayout.ASSETS + "site/", "comments.js",
            "text/javascript; charset=utf-8");
    /** The desk's script and style, which the comments function serves under {@code /desk/}. */
    public static final Asset DESK_SCRIPT = Asset.named("/desk/", "desk.js", "text/javascript; charset=utf-8");
    public static final Asset DESK_STYLE = Asset.named("/desk/", "desk.css", "text/css; charset=utf-8");

    /** A file of ours that pages refer to, at a path that changes with its content. */
    public record Asset(String path, String contentType, String content) {

        /** The resource {@code file} of this package, at {@code folder}{@code name-hash.ext}. */
        static Asset named(String folder, String file, String contentType) {
            String content = file.endsWith(".js") ? compact(resource(file)) : resource(file);
            int dot = file.lastIndexOf('.');
            String hash = Sha256.hex(content).substring(0, 16);
            return new Asset(folder + file.substring(0, dot) + "-" + hash + file.substring(dot), contentType, content);
        }

        /**
         * A script as readers download it: without indentation, blank lines and whole-line comments,
         * a fifth of its bytes. Safe for our scripts, which have no template literals and no string
         * that spans lines; the browser tests run them as served.
         */
        static String compact(String script) {
            return script.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("//"))
                    .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        }
    }

    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    /**
     * Each thread's page buffer, reused from page to page (it keeps the longest page's size): a new,
     * cold one for every page took an eighth of the time spent filling the template.
     */
    private final ThreadLocal<StringOutput> outputs = ThreadLocal.withInitial(() -> new StringOutput(32 * 1024));
    private final SiteConfig site;
    private final Supplier<Menus> menus;
    private final StructuredData structuredData;
    private final PageShell shell;
    private final Map<String, Speech> languages = new ConcurrentHashMap<>();

    /**
     * How a page in one language speaks: its {@code lang}, its words, its dates, and its home. Pages are in the
     * site's language unless their article, or their language's home, is in another.
     */
    private record Speech(PageHead.Site head, Locale locale, DateTimeFormatter dates) {
    }

    /** Pages without menus: the comment answer's and the desk's, and sites whose configuration has none. */
    public PageRenderer(SiteConfig site) {
        this(site, () -> Menus.NONE);
    }

    /** @param menus the site configuration's menus as they are now, asked for each page rendered */
    public PageRenderer(SiteConfig site, Supplier<Menus> menus) {
        this.site = site;
        this.menus = menus;
        this.structuredData = new StructuredData(site);
        this.shell = PageShell.of(site);
    }

    /** The site as a page in {@code speech}'s language shows it, with the menus now in force. */
    private PageHead.Site shown(Speech speech) {
        return speech.head().with(menus.get());
    }

    private Speech speech(Optional<String> lang) {
        return languages.computeIfAbsent(lang.orElse(""), code -> {
            Locale locale = Locale.forLanguageTag(lang.orElse(site.lang()));
            // English keeps the day-first style of the news page this began from; other languages write dates their own way.
            DateTimeFormatter dates = locale.getLanguage().equals("en") ? DateTimeFormatter.ofPattern("d MMMM uuuu", locale)
                    : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
            return new Speech(new PageHead.Site(lang.orElse(site.lang()), site.name(), site.absolute(ListingKey.home(lang).path()),
                    Words.of(locale), shell, Menus.NONE), locale, dates);
        });
    }

    /**
     * An article's page.
     *
     * @param translations its versions in the site's other languages, for the {@code hreflang} alternates
     */
    public String article(Article article, List<RelatedArticle> related, List<Translation> translations) {
        return article(article, related, translations, Discussion.NONE);
    }

    /** An article's page, with its approved comments rendered in, so readers and search engines see them without script. */
    public String article(Article article, List<RelatedArticle> related, List<Translation> translations, Discussion discussion) {
        ArticleMetadata meta = article.metadata();
        Speech speech = speech(meta.lang());
        String canonical = site.absolute(meta.path());
        String description = meta.summary().orElse("");
        var head = head(meta, canonical, "article")
                .alternates(alternates(meta, translations))
                .jsonLd(structuredData.newsArticle(meta, canonical, description, discussion))
                .adScriptUrl(site.adSlots().isEmpty() ? Optional.empty() : site.adScript().map(URI::toString))
                .build();
        DateView published = date(meta.published(), speech);
        Optional<DateView> updated = day(meta.modified()).equals(day(meta.published()))
                ? Optional.empty() : Optional.of(date(meta.modified(), speech));
        var captcha = new ArticleView.CaptchaView(site.captcha().provider(), site.captcha().siteKey(),
                site.captcha().script().toString());
        var comments = new ArticleView.CommentsView(meta.commentsOpen(), SiteLayout.commentsApiPath(meta.path()), captcha,
                COMMENTS_SCRIPT.path(), discussion.threads().stream().map(t -> comment(t, speech)).toList(), discussion.count(),
                discussion.more());
        var corrections = meta.corrections().stream()
                .map(c -> new ArticleView.CorrectionView(date(c.at().orElse(meta.modified()), speech), c.text())).toList();
        var view = new ArticleView(head, meta.title(), published, updated, corrections,
                new ArticleView.Link(meta.category().name(), SiteLayout.categoryPath(meta.category().slug())),
                meta.authors().stream().map(PageRenderer::author).toList(),
                meta.tags().stream().map(t -> new ArticleView.Link(t.name(), SiteLayout.tagPath(t.slug()))).toList(),
                meta.image().map(image -> ImageView.lead(image, image.src())),
                article.bodyHtml(),
                related.stream().map(item -> teaser(item, speech)).toList(),
                comments, site.adSlots());
        return render("article.jte", view);
    }

    /**
     * The {@code hreflang} alternates of an article with translations: every version, itself
     * included, as search engines ask, and the default language's as {@code x-default}.
     */
    private List<PageHead.Alternate> alternates(ArticleMetadata meta, List<Translation> translations) {
        List<Translation> others = translations.stream().filter(t -> !t.lang().equals(meta.lang())).toList();
        if (others.isEmpty()) {
            return List.of();
        }
        List<Translation> versions = new ArrayList<>(others);
        versions.add(meta.translation());
        versions.sort(Comparator.comparing((Translation t) -> t.lang().orElse("")));
        List<PageHead.Alternate> alternates = new ArrayList<>();
        versions.forEach(t -> alternates.add(new PageHead.Alternate(t.lang().orElse(site.lang()), site.absolute(t.path()))));
        versions.stream().filter(t -> t.lang().isEmpty()).findFirst()
                .ifPresent(t -> alternates.add(new PageHead.Alternate("x-default", site.absolute(t.path()))));
        return alternates;
    }

    /** A static page: its headline, lead image and body, without byline, date, related list, ads or comments. */
    public String page(Article page, List<Translation> translations) {
        ArticleMetadata meta = page.metadata();
        String canonical = site.absolute(meta.path());
        var head = head(meta, canonical, "website")
                .alternates(alternates(meta, translations))
                .jsonLd(structuredData.webPage(meta, canonical, meta.summary().orElse("")))
                .build();
        return render("page.jte", new StaticPageView(head, meta.title(), meta.image().map(image -> ImageView.lead(image, image.src())),
                page.bodyHtml()));
    }

    /** The head an article or a static page shares: its title, description, address and link preview of this type. */
    private PageHead.Builder head(ArticleMetadata meta, String canonical, String previewType) {
        return PageHead.of(shown(speech(meta.lang())), meta.title() + " | " + site.name())
                .description(meta.summary())
                .canonicalUrl(canonical)
                .indexable(true)
                .preview(new PageHead.LinkPreview(previewType,
                        meta.image().map(image -> ImageView.lead(image, site.absolute(image.src()))), site.twitter()))
                .preload(meta.image().map(image -> ImageView.lead(image, image.src())));
    }

    /**
     * An index page of a listing (its newest articles and its archive) or, with {@code archive}, one
     * archive page of it. {@code entries} are newest first.
     */
    public String listing(ListingKey key, List<Entry> entries, ListingState state, Optional<Archive> archive) {
        Speech speech = speech(key.lang());
        Locale locale = speech.locale();
        Words words = speech.head().words();
        String name = listingName(key, entries, words);
        String heading = archive.map(a -> key.kind() == ListingKey.Kind.HOME ? a.label(locale) : name + ": " + a.label(locale))
                .orElse(name);
        String path = archive.map(key::archivePath).orElse(key.path());
        String title = key.kind() == ListingKey.Kind.HOME && archive.isEmpty() ? site.name() : heading + " | " + site.name();
        var head = PageHead.of(shown(speech), title)
                .description(Optional.of(listingDescription(heading, entries)))
                .canonicalUrl(site.absolute(path))
                .indexable(!entries.isEmpty())
                .preview(new PageHead.LinkPreview("website", Optional.empty(), site.twitter()))
                .feedUrl(Optional.of(site.absolute(key.feedPath())))
                .build();
        Optional<ArticleView.AuthorView> author = key.kind() == ListingKey.Kind.AUTHOR && archive.isEmpty() && !entries.isEmpty()
                ? listedAuthor(key, entries.get(0)).map(PageRenderer::author) : Optional.empty();
        Optional<ArticleView.Link> newer = archive.flatMap(a -> Optional.ofNullable(state.archives().higher(a)))
                .map(a -> archiveLink(key, a, locale));
        // The site's archive has a page a day, too many to list: its index page leads on day by day.
        Optional<Archive> previous = archive.isPresent() ? archive.map(a -> state.archives().lower(a))
                : key.kind() == ListingKey.Kind.HOME && !entries.isEmpty()
                ? Optional.of(Archive.of(key, entries.get(entries.size() - 1).published(), site.zone())) : Optional.empty();
        Optional<ArticleView.Link> older = previous.map(a -> archiveLink(key, a, locale));
        var view = new ListingView(head, kicker(key, words), heading, author,
                entries.stream().map(e -> teaser(e, speech)).toList(), newer, older,
                archive.isPresent() || key.kind() == ListingKey.Kind.HOME ? List.of()
                        : state.archives().descendingSet().stream().map(a -> archiveLink(key, a, locale)).toList(),
                Optional.of(key.feedPath()), key.home() && archive.isEmpty());
        return render("listing.jte", view);
    }

    /**
     * The answer to a comment posted without script, in the language of the article it is on: taken
     * ({@code errors} empty; the heading says whether it is published or waits), or refused, with
     * the errors and the reader's text to send again.
     */
    public String commentAnswer(Optional<String> lang, boolean published, List<String> errors, String articlePath,
                                java.util.Map<String, String> fields) {
        Speech speech = speech(lang);
        Words words = speech.head().words();
        String heading = words.get(!errors.isEmpty() ? Word.NOT_POSTED : published ? Word.THANKS : Word.THANKS_PENDING);
        return render("commentanswer.jte", new CommentAnswerView(speech.head(), heading, errors, site.absolute(articlePath), fields,
                SiteLayout.commentsApiPath(articlePath)));
    }

    /** The page readers get at an address with no page: it points them to the latest articles. */
    public String notFound(List<Entry> latest) {
        Speech speech = speech(Optional.empty());
        String heading = speech.head().words().get(Word.PAGE_NOT_FOUND);
        var head = PageHead.of(shown(speech), heading + " | " + site.name()).build();
        return render("notfound.jte", new NotFoundView(head, heading, latest.stream().map(e -> teaser(e, speech)).toList()));
    }

    /**
     * The moderation desk's page: a shell that signs in at {@code view.signInUrl()} and then lists
     * the queues through the moderation routes (its script, {@link #DESK_SCRIPT}). Never indexed.
     */
    public String desk(DeskView view) {
        return render("desk.jte", view);
    }

    /** An Atom feed of a listing's newest articles, newest first. */
    public String feed(ListingKey key, List<Entry> entries) {
        return render("feed.jte", feedView(key, entries, key.feedPath()));
    }

    /** The same as RSS 2.0, for the readers and services that take only RSS. */
    public String rss(ListingKey key, List<Entry> entries) {
        return render("rss.jte", feedView(key, entries, key.rssPath()));
    }

    private FeedView feedView(ListingKey key, List<Entry> entries, String self) {
        Instant updated = entries.stream().map(Entry::modified).max(Instant::compareTo).orElse(Instant.EPOCH);
        Speech speech = speech(key.lang());
        String title = key.kind() == ListingKey.Kind.HOME ? site.name() : listingName(key, entries, speech.head().words()) + " | " + site.name();
        var items = entries.stream().map(e -> new FeedView.Item(e.title(), site.absolute(e.path()), e.published().toString(),
                RFC_822.format(e.published().atOffset(java.time.ZoneOffset.UTC)), e.modified().toString(),
                e.authors().stream().map(Author::name).toList(), e.summary().orElse(null))).toList();
        return new FeedView(title, site.absolute(self), site.absolute(key.path()), updated.toString(),
                RFC_822.format(updated.atOffset(java.time.ZoneOffset.UTC)), speech.head().lang(), items);
    }

    /** RSS dates, as RFC 822 writes them (with four-digit years). */
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME;

    /** A home's sitemap index: one sitemap per day with articles. */
    public String sitemapIndex(ListingKey home, Collection<Archive> days) {
        List<SitemapView.Url> sitemaps = new ArrayList<>();
        sitemaps.add(new SitemapView.Url(site.absolute(home.newsSitemapPath()), null, null, null));
        days.forEach(d -> sitemaps.add(new SitemapView.Url(site.absolute(home.sitemapPath(d)), null, null, null)));
        return render("sitemapindex.jte", new SitemapView(sitemaps, null, null));
    }

    /** One day's sitemap. */
    public String sitemap(List<Entry> entries) {
        return render("sitemap.jte", new SitemapView(entries.stream().map(e -> new SitemapView.Url(
                site.absolute(e.path()), e.modified().toString(), null, null)).toList(), null, null));
    }

    /** A home's Google News sitemap, of the articles published in the last two days. */
    public String newsSitemap(ListingKey home, List<Entry> entries) {
        return render("newssitemap.jte", new SitemapView(entries.stream().map(e -> new SitemapView.Url(
                site.absolute(e.path()), null, e.title(), e.published().toString())).toList(),
                site.name(), home.lang().orElse(site.lang())));
    }

    /** The tombstone left where an unpublished article was: it tells readers, and keeps search engines away. */
    public String gone() {
        PageHead.Site head = shown(speech(Optional.empty()));
        return render("gone.jte", new GoneView(PageHead.of(head, head.words().get(Word.WITHDRAWN_TITLE) + " | " + site.name()).build()));
    }

    private String render(String template, Object model) {
        StringOutput output = outputs.get();
        output.reset();
        templates.render(template, model, output);
        return output.toString();
    }

    private static Optional<String> kicker(ListingKey key, Words words) {
        return switch (key.kind()) {
            case HOME -> Optional.empty();
            case CATEGORY -> Optional.of(words.get(Word.CATEGORY));
            case TAG -> Optional.of(words.get(Word.TAG));
            case AUTHOR -> Optional.of(words.get(Word.AUTHOR));
            case CORRECTIONS -> Optional.empty();
        };
    }

    /** What a search result says of a listing: its heading, and its newest headlines, within a snippet's length. */
    static String listingDescription(String heading, List<Entry> entries) {
        StringBuilder text = new StringBuilder(heading);
        for (int i = 0; i < Math.min(3, entries.size()); i++) {
            String next = (i == 0 ? ": " : "; ") + entries.get(i).title();
            if (text.length() + next.length() > LISTING_DESCRIPTION_LENGTH) {
                break;
            }
            text.append(next);
        }
        return text.toString();
    }

    /** Search engines show about this much of a description. */
    private static final int LISTING_DESCRIPTION_LENGTH = 160;

    /** The author whose page {@code key} is, as {@code entry}'s byline gives them: its primary author or a co-author. */
    private static Optional<Author> listedAuthor(ListingKey key, Entry entry) {
        return entry.authors().stream().filter(a -> a.slug().equals(key.slug())).findFirst();
    }

    /** The listing's display name, from its newest article; an empty listing has only its slug. */
    private String listingName(ListingKey key, List<Entry> entries, Words words) {
        if (key.kind() == ListingKey.Kind.HOME) {
            return words.get(Word.LATEST_ARTICLES);
        }
        if (key.kind() == ListingKey.Kind.CORRECTIONS) {
            return words.get(Word.CORRECTIONS);
        }
        return entries.stream().findFirst().flatMap(e -> switch (key.kind()) {
            case CATEGORY -> Optional.of(e.category().name());
            case AUTHOR -> listedAuthor(key, e).map(Author::name);
            default -> e.tags().stream().filter(t -> t.slug().equals(key.slug())).map(Term::name).findFirst();
        }).orElse(key.slug());
    }

    private static ArticleView.Link archiveLink(ListingKey key, Archive archive, Locale locale) {
        return new ArticleView.Link(archive.label(locale), key.archivePath(archive));
    }

    private static ArticleView.AuthorView author(Author author) {
        if (author.organisation()) {
            return new ArticleView.AuthorView(author.name(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
        return new ArticleView.AuthorView(author.name(), Optional.of(SiteLayout.authorPath(author.slug())), author.bio(),
                author.twitter().map(handle -> new ArticleView.Link(handle, "https://twitter.com/" + handle)), author.url(),
                author.affiliation());
    }

    private ArticleView.RelatedView teaser(RelatedArticle item, Speech speech) {
        return new ArticleView.RelatedView(item.title(), item.path(), date(item.published(), speech),
                item.summary(), item.image().map(image -> ImageView.lead(image, image.src())), Optional.empty(), Optional.empty(),
                List.of());
    }

    /** A listed article's teaser; one in another language than the page's says which, for screen readers and search engines. */
    private ArticleView.RelatedView teaser(Entry entry, Speech speech) {
        String lang = entry.lang().orElse(site.lang());
        ArticleView.RelatedView shown = teaser(entry.shown(), speech);
        // The count, as the article's own heading gives it: "Comments (3)", linking to them; the byline links the author's page.
        ArticleView.RelatedView teaser = new ArticleView.RelatedView(shown.title(), shown.href(), shown.date(), shown.summary(), shown.image(),
                shown.lang(), Optional.of(entry.comments()).filter(n -> n > 0).map(n -> speech.head().words().get(Word.COMMENTS) + " (" + n + ")"),
                entry.authors().stream().map(author -> new ArticleView.Byline(author.name(),
                        Optional.of(author).filter(a -> !a.organisation()).map(a -> SiteLayout.authorPath(a.slug())))).toList());
        return lang.equals(speech.head().lang()) ? teaser : teaser.in(lang);
    }

    private ArticleView.CommentView comment(Discussion.Thread thread, Speech speech) {
        ShownComment c = thread.comment();
        return new ArticleView.CommentView(c.id(), c.name(), c.website().filter(w -> WEB_ADDRESS.matcher(w).lookingAt()), c.body(),
                date(c.createdAt(), speech), Optional.of(speech.head().words().get(Word.STAFF)).filter(badge -> c.staff()),
                Optional.of(speech.head().words().get(Word.FEATURED)).filter(badge -> c.featured()),
                thread.replies().stream().map(r -> comment(r, speech)).toList());
    }

    /** What a commenter's website may be linked as; the comments function refuses anything else, and this never links it. */
    private static final java.util.regex.Pattern WEB_ADDRESS = java.util.regex.Pattern.compile("(?i)https?://");

    private DateView date(Instant instant, Speech speech) {
        return new DateView(instant.toString(), speech.dates().format(day(instant)));
    }

    private static String resource(String name) {
        try (var in = PageRenderer.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("missing resource " + name, e);
        }
    }

    private LocalDate day(Instant instant) {
        return instant.atZone(site.zone()).toLocalDate();
    }
}
