package dev.newsroom.migrate.hugo;

import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.article.Problem;
import dev.newsroom.core.settings.SiteSettings;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.migrate.ContentFile;
import dev.newsroom.migrate.FileReferences;
import dev.newsroom.migrate.ImportPlan;
import dev.newsroom.migrate.OriginalUrl;
import dev.newsroom.migrate.Prefixes;
import dev.newsroom.migrate.PublishCheck;
import dev.newsroom.migrate.ImportPlan.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Plans the import of a Hugo site: which of its files Newsroom publishes, under which source keys,
 * with which of its files as assets, and why any other file is left out. It decides as Hugo would
 * (drafts, future and expired pages, {@code ignoreFiles}, a cascade's {@code build.render: never}),
 * and validates each article as the publish function will.
 */
public final class HugoImport {

    private final HugoConfig config;
    private final ArticleParser parser;
    private final Prefixes prefixes;
    private final Instant now;

    public HugoImport(HugoConfig config, ArticleParser parser, Prefixes prefixes, Instant now) {
        this.config = config;
        this.parser = parser;
        this.prefixes = prefixes;
        this.now = now;
    }

    public ImportPlan plan(Path site) throws IOException {
        ImportPlan plan = new ImportPlan("files");
        config.sources().forEach(source -> plan.assume("configuration read from " + source));
        HugoContent.roots(site, config).forEach(root -> plan.assume("content in " + root.language() + " read from " + root.how()));
        List<HugoContent.Page> pages = HugoContent.read(site, config);
        Map<HugoContent.Page, Map<String, Object>> frontMatter = frontMatter(pages);
        // The URLs of the pages this import publishes: what references and menus may lead to.
        Map<HugoContent.Page, String> originalUrls = new HashMap<>();
        frontMatter.forEach((page, fields) -> {
            if (page.kind() != HugoContent.Kind.SECTION && held(page, fields).isEmpty()) {
                originalUrls.put(page, HugoUrls.of(config, page, fields).path());
            }
        });
        HugoRefs refs = new HugoRefs(originalUrls);
        // The configuration goes first, so the articles after it are read under it.
        List<String> notes = new ArrayList<>();
        Optional<byte[]> settings = HugoSiteSettings.of(config, pages.stream().map(HugoContent.Page::section)
                .filter(section -> !section.isEmpty()).collect(java.util.stream.Collectors.toSet()),
                HugoMenus.of(config, frontMatter, originalUrls, refs, notes), sectionLists(pages, frontMatter), notes);
        notes.forEach(plan::assume);
        ArticleParser parser = this.parser;
        Set<String> redirected = Set.of();
        if (settings.isPresent()) {
            plan.siteSettings(settings.get());
            plan.assume("site.yaml written from the site's configuration: its sections' permalinks, its languages, its menus, its params,"
                    + " and redirects from its sections' list pages to their language's home");
            SiteSettings written = SiteSettings.stored(new String(settings.get(), StandardCharsets.UTF_8));
            parser = parser.under(written.rules());
            redirected = written.redirects().keySet();
        }
        Map<String, String> assets = new HashMap<>();
        pages.forEach(page -> page.resources().forEach(resource -> assets.put(resource, "/" + SiteLayout.ASSETS + FileReferences.encodedPath(resource))));
        PublishCheck check = new PublishCheck(parser, prefixes.pages());
        for (HugoContent.Page page : pages) {
            plan.record(page.kind() == HugoContent.Kind.SECTION ? sectionOutcome(site, page, frontMatter, redirected)
                    : outcome(site, page, assets, refs, check, plan));
        }
        return plan;
    }

    /**
     * Where the list pages Hugo made lead now, as Newsroom makes no section lists: each section's
     * list URL, and the aliases of its {@code _index.md}, answer 301 with its language's home. A
     * top-level folder without an {@code _index.md} has a list too, as Hugo makes one for it.
     */
    private Map<String, String> sectionLists(List<HugoContent.Page> pages, Map<HugoContent.Page, Map<String, Object>> frontMatter) {
        Map<String, String> redirects = new java.util.LinkedHashMap<>();
        Set<String> listed = new java.util.HashSet<>();
        for (HugoContent.Page page : pages) {
            Map<String, Object> fields = frontMatter.getOrDefault(page, Map.of());
            if (page.kind() == HugoContent.Kind.SECTION && !page.directory().isEmpty()
                    && !HugoConfig.text(fields, "draft").map(Boolean::parseBoolean).orElse(false)) {
                String home = home(page.language());
                redirects.put(HugoUrls.section(config, page.language(), page.directory(), fields), home);
                HugoUrls.of(config, page, fields).aliases().forEach(alias -> redirects.put(alias, home));
                listed.add(page.language() + ":" + page.directory());
            }
        }
        for (HugoContent.Page page : pages) {
            // A page inside a folder (not a bundle at the content's root, content/about/index.md, whose folder is its own address).
            if (!page.sections().isEmpty() && page.kind() != HugoContent.Kind.SECTION && listed.add(page.language() + ":" + page.section())) {
                redirects.put(HugoUrls.section(config, page.language(), page.section(), Map.of()), home(page.language()));
            }
        }
        return redirects;
    }

    /** A language's home in Newsroom: the site's root for the default language, else its prefix. */
    private String home(String language) {
        return language.equals(config.defaultLanguage()) ? "/" : "/" + language + "/";
    }

    private Outcome sectionOutcome(Path site, HugoContent.Page page, Map<HugoContent.Page, Map<String, Object>> frontMatter,
                                   Set<String> redirected) {
        String file = site.relativize(page.file()).toString();
        if (page.directory().isEmpty()) {
            return Outcome.notImported(file, "the home page's list: Newsroom makes its own home", Optional.empty());
        }
        String url = HugoUrls.section(config, page.language(), page.directory(), frontMatter.getOrDefault(page, Map.of()));
        return redirected.contains(url)
                ? Outcome.notImported(file, "a section's list page: Newsroom makes its own listings; its URL answers 301 with its language's home",
                        Optional.of(url))
                : Outcome.notImported(file, "a section's list page: Newsroom makes its own listings", Optional.empty());
    }

    /**
     * Every page's front matter, read ahead for what pages say of each other: their URLs, which
     * references lead to, and their menu entries. A page whose front matter cannot be read has none.
     */
    private static Map<HugoContent.Page, Map<String, Object>> frontMatter(List<HugoContent.Page> pages) throws IOException {
        Map<HugoContent.Page, Map<String, Object>> fields = new java.util.LinkedHashMap<>();
        for (HugoContent.Page page : pages) {
            try {
                fields.put(page, ArticleParser.markdownSource(Files.readString(page.file(), StandardCharsets.UTF_8)).fields());
            } catch (InvalidArticleException unreadable) {
                // reported with the page itself
            }
        }
        return fields;
    }

    /** Why Hugo would not publish a page, and whether the report gives its URL; none for a page it publishes. */
    private record Held(String cause, boolean withUrl) {
    }

    private Optional<Held> held(HugoContent.Page page, Map<String, Object> fields) {
        if (config.neverRenders("/" + page.contentPath())) {
            return Optional.of(new Held("never rendered: the site's cascade sets build.render to never", false));
        }
        if (config.ignoreFiles().stream().anyMatch(pattern -> pattern.matcher(page.contentPath()).find())) {
            return Optional.of(new Held("matches the site's ignoreFiles", false));
        }
        if (HugoConfig.text(fields, "draft").map(Boolean::parseBoolean).orElse(false)) {
            return Optional.of(new Held("a draft: Hugo does not publish it", false));
        }
        Optional<Instant> expiry = HugoConfig.text(fields, "expiryDate").flatMap(HugoImport::instant);
        if (expiry.isPresent() && expiry.get().isBefore(now) && !config.buildExpired()) {
            return Optional.of(new Held("expired: Hugo no longer publishes it", true));
        }
        return Optional.empty();
    }

    private Outcome outcome(Path site, HugoContent.Page page, Map<String, String> assets, HugoRefs refs, PublishCheck check,
                            ImportPlan plan) throws IOException {
        String file = site.relativize(page.file()).toString();
        Optional<Held> held = held(page, Map.of());
        if (held.isPresent()) { // what the page's path alone decides, before it is read
            return Outcome.notImported(file, held.get().cause(), Optional.empty());
        }
        ContentFile content = ContentFile.read(page.file(), file);
        if (content.refusal().isPresent()) {
            return content.refusal().get();
        }
        ArticleParser.Source source = content.source().orElseThrow();
        Map<String, Object> fields = source.fields();
        Optional<String> originalUrl = Optional.of(HugoUrls.of(config, page, fields).path());
        held = held(page, fields);
        if (held.isPresent()) {
            return Outcome.notImported(file, held.get().cause(), held.get().withUrl() ? originalUrl : Optional.empty());
        }
        Path staticFolder = site.resolve(config.staticDir());
        List<String> staticFiles = new ArrayList<>();
        HugoRefs.Resolved resolved = refs.resolve(source.body(), page);
        FileReferences.Rewritten body = FileReferences.rewrite(resolved.body(), page.directory(),
                path -> Optional.ofNullable(assets.get(path)),
                path -> Optional.of(path).filter(p -> Files.isRegularFile(staticFolder.resolve(p))).map(p -> {
                    staticFiles.add(p);
                    return "/" + SiteLayout.ASSETS + FileReferences.encodedPath(p);
                }));
        // A page at the content's root, outside every section (content/about.md), is a static page.
        String prefix = page.sections().isEmpty() ? prefixes.pages() : prefixes.articles();
        String key = prefix + languageNamed(page).replaceAll("\\.markdown$", ".md"); // publish reads .md files
        List<String> urlWarnings = new ArrayList<>();
        String written = content.frontMatter();
        String frontMatter = OriginalUrl.keep(written, fields, originalUrl.get(), urlWarnings,
                check.pathOf(key, (written + body.body()).getBytes(StandardCharsets.UTF_8)));
        byte[] bytes = (frontMatter + body.body()).getBytes(StandardCharsets.UTF_8);
        PublishCheck.Checked checked = check.check(file, key, bytes, originalUrl);
        if (checked.refusal().isPresent()) {
            return checked.refusal().get();
        }
        Article article = checked.article().orElseThrow();
        plan.upload(key, bytes);
        for (String resource : page.resources()) {
            plan.upload(prefixes.assets() + resource, Files.readAllBytes(page.file().getParent().resolve(
                    Path.of(page.directory()).relativize(Path.of(resource)).toString())));
        }
        for (String path : staticFiles) {
            plan.upload(prefixes.assets() + path, Files.readAllBytes(staticFolder.resolve(path)));
        }
        // Dated in the future, it is uploaded and waits for its time, as Hugo holds it back until then.
        Stream<String> embargo = Stream.of(article).filter(a -> a.metadata().goesPublic().isAfter(now)).map(PublishCheck::embargoNote);
        List<String> warnings = Stream.of(urlWarnings.stream(), resolved.warnings().stream(), body.warnings().stream(),
                        article.warnings().stream().map(Problem::toString), embargo)
                .flatMap(w -> w).toList();
        return Outcome.published(file, warnings, originalUrl, article.path());
    }

    /**
     * The page's content path, its file named for its language as Hugo names translations
     * ({@code post.es.md}), which is how the publish function tells a language's version: a page
     * of a language's own content folder ({@code content/es/blog/post.md}) takes the language's suffix.
     */
    private String languageNamed(HugoContent.Page page) {
        String path = page.contentPath();
        if (page.language().equals(config.defaultLanguage())) {
            return path;
        }
        int slash = path.lastIndexOf('/');
        int extension = path.lastIndexOf('.');
        if (extension <= slash || path.substring(slash + 1, extension).endsWith("." + page.language())) {
            return path;
        }
        return path.substring(0, extension) + "." + page.language() + path.substring(extension);
    }

    /** A front matter date as Hugo reads one: a date-time with or without an offset, or a date (UTC). */
    static Optional<Instant> instant(String value) {
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notWithOffset) {
            try {
                return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        }
    }
}
