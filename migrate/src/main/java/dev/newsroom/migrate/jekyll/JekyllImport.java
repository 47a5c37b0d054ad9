package dev.newsroom.migrate.jekyll;

import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.article.Slugs;
import dev.newsroom.core.settings.SiteSettings;
import dev.newsroom.core.site.ArticlePaths;
import dev.newsroom.core.site.Permalinks;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.migrate.ContentFile;
import dev.newsroom.migrate.FileReferences;
import dev.newsroom.migrate.ImportPlan;
import dev.newsroom.migrate.OriginalUrl;
import dev.newsroom.migrate.Prefixes;
import dev.newsroom.migrate.PublishCheck;
import dev.newsroom.migrate.SiteYaml;
import dev.newsroom.migrate.ImportPlan.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Plans the import of a Jekyll site: each post of {@code _posts} that Jekyll publishes becomes an
 * article, and each page of content (a Markdown or HTML file with front matter outside the
 * {@code _} folders) a static page, their Liquid resolved as Jekyll would ({@link Liquid}), with the
 * site's static files they use carried over as assets. Drafts, future posts ({@code future: false}),
 * unpublished files, and the pages Newsroom makes its own way (the home page, listings of posts,
 * feeds, the 404 page) are reported. Each file's original URL follows Jekyll's {@code permalink} setting.
 */
public final class JekyllImport {

    private static final Pattern POST_NAME = Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})-(.+)\\.(md|markdown|html)$");
    private static final Map<String, String> PERMALINK_STYLES = Map.of(
            "date", "/:categories/:year/:month/:day/:title:output_ext",
            "pretty", "/:categories/:year/:month/:day/:title/",
            "ordinal", "/:categories/:year/:y_day/:title:output_ext",
            "none", "/:categories/:title:output_ext");
    private static final Pattern TOKEN = Pattern.compile(":(year|short_year|month|i_month|day|i_day|y_day|title|slug|categories|output_ext)");
    private static final Pattern CONTENT_PAGE = Pattern.compile("(?i).+\\.(md|markdown|html?)$");
    /** Liquid that lists the site's posts: a page built from it is a listing, which Newsroom makes itself. */
    private static final Pattern LISTS_POSTS = Pattern.compile("\\{%-?\\s*for\\b[^%]*\\b(site\\.posts|paginator\\.posts|site\\.categories|site\\.tags)\\b");
    private static final Pattern FIRST_HEADING = Pattern.compile("(?m)^#\\s+(.+?)\\s*#*$");

    private final ArticleParser parser;
    private final Prefixes prefixes;
    private final Instant now;

    public JekyllImport(ArticleParser parser, Prefixes prefixes, Instant now) {
        this.parser = parser;
        this.prefixes = prefixes;
        this.now = now;
    }

    /** The site's {@code _config.yml}, or nothing where it has none. */
    public static Map<String, Object> config(Path site) throws IOException {
        Path file = site.resolve("_config.yml");
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Object yaml = new Load(LoadSettings.builder().setLabel("_config.yml").build()).loadFromString(Files.readString(file));
            Map<String, Object> config = new HashMap<>();
            if (yaml instanceof Map<?, ?> map) {
                map.forEach((key, value) -> config.put(String.valueOf(key), value));
            }
            return config;
        } catch (RuntimeException e) {
            throw new IOException(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    public ImportPlan plan(Path site, Map<String, Object> config) throws IOException {
        ImportPlan plan = new ImportPlan("files");
        String permalink = String.valueOf(config.getOrDefault("permalink", "date"));
        String pattern = PERMALINK_STYLES.getOrDefault(permalink, permalink);
        plan.assume("posts read from _posts and _drafts, with the permalink " + pattern + "; posts dated after today embargoed until their dates"
                + (Boolean.TRUE.equals(config.get("future")) ? ", which future: true would publish at once" : ""));
        plan.assume("pages: Markdown and HTML files with front matter outside the _ folders, at /:path/:basename"
                + pageSuffix(permalink) + " unless their permalink says otherwise");
        List<PathMatcher> excluded = excluded(config);
        ArticleParser parser = this.parser;
        Optional<String> postPattern = newsroomPattern(pattern, plan);
        if (postPattern.isPresent()) {
            parser = parser.under(new SiteSettings(new Permalinks(Map.of(Permalinks.ROOT, postPattern.get())), List.of(), Map.of(),
                    Map.of(), Map.of(), Map.of(), dev.newsroom.core.settings.CommentSettings.NONE, Optional.empty()).rules());
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(site)) {
            files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        }
        PublishCheck check = new PublishCheck(parser, prefixes.pages());
        // Where each post will be, for {% post_url %}: its kept URL, or where publish puts it where that cannot be kept.
        Map<String, String> postPaths = new HashMap<>();
        for (Path file : files) {
            Matcher name = POST_NAME.matcher(file.getFileName().toString());
            if (inFolder(site, file, "_posts") && name.matches()) {
                Map<String, Object> fields = Map.of();
                try {
                    fields = ArticleParser.markdownSource(Files.readString(file, StandardCharsets.UTF_8)).fields();
                } catch (InvalidArticleException e) {
                    // Refused with its reason below; a link to it goes to its slug's address.
                }
                String original = originalUrl(fields, pattern, name);
                String key = postKey(site.relativize(file).toString().replace('\\', '/'));
                postPaths.put(name.group(1) + "-" + name.group(2) + "-" + name.group(3) + "-" + name.group(4),
                        !fields.containsKey("url") && ArticlePaths.isSafe(original) ? original
                                : check.pathOf(key, Files.readAllBytes(file)).orElse(SiteLayout.articlePath(Slugs.normalise(name.group(4)))));
            }
        }
        for (Path file : files) {
            String relative = site.relativize(file).toString().replace('\\', '/');
            Matcher name = POST_NAME.matcher(file.getFileName().toString());
            if (inFolder(site, file, "_drafts")) {
                plan.record(Outcome.notImported(relative, "a draft: Jekyll does not publish it", Optional.empty()));
            } else if (inFolder(site, file, "_posts") && name.matches()) {
                plan.record(post(site, relative, file, name, pattern, postPaths, check, plan));
            } else if (!relative.startsWith("_") && !relative.contains("/_") && !relative.startsWith(".") && isPage(file)) {
                plan.record(excluded.stream().anyMatch(glob -> glob.matches(Path.of(relative)))
                        ? Outcome.notImported(relative, "excluded by the site's exclude", Optional.empty())
                        : page(site, relative, file, permalink, postPaths, check, plan));
            }
        }
        siteSettings(postPattern, menus(site, config, plan), plan);
        return plan;
    }

    /**
     * The {@code site.yaml} the site's configuration makes, where it says anything Newsroom's can
     * hold: the posts' permalink, and the main menu.
     */
    private static void siteSettings(Optional<String> postPattern, List<Map<String, Object>> main, ImportPlan plan) {
        List<String> notes = new ArrayList<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        postPattern.ifPresent(pattern -> settings.put("permalinks", Map.of(Permalinks.ROOT, pattern)));
        Map<String, List<Map<String, Object>>> menus = SiteYaml.menusAllowed(main.isEmpty() ? Map.of() : Map.of("main", main), notes);
        if (!menus.isEmpty()) {
            settings.put("menus", menus);
        }
        Optional<byte[]> written = settings.isEmpty() ? Optional.empty() : SiteYaml.write("import jekyll", settings, notes);
        notes.forEach(plan::assume);
        written.ifPresent(yaml -> {
            plan.siteSettings(yaml);
            List<String> parts = new ArrayList<>();
            postPattern.ifPresent(pattern -> parts.add("the posts' permalink, as " + pattern));
            if (!menus.isEmpty()) {
                parts.add("the main menu");
            }
            plan.assume("site.yaml written from _config.yml: " + String.join(" and ", parts));
        });
    }

    /**
     * The site's main menu, as Jekyll's themes keep it: the list {@code main} of
     * {@code _data/navigation.yml} (Minimal Mistakes and others: {@code title} and {@code url}),
     * then the pages {@code header_pages} names in {@code _config.yml} (minima, Jekyll's default
     * theme), each at the URL it is published at, named by its title.
     */
    private List<Map<String, Object>> menus(Path site, Map<String, Object> config, ImportPlan plan) throws IOException {
        List<Map<String, Object>> main = new ArrayList<>();
        Path navigation = site.resolve("_data/navigation.yml");
        if (Files.isRegularFile(navigation)) {
            Object yaml;
            try {
                yaml = new Load(LoadSettings.builder().setLabel("_data/navigation.yml").build()).loadFromString(Files.readString(navigation));
            } catch (RuntimeException notYaml) {
                plan.assume("_data/navigation.yml is left out: it is not valid YAML (" + notYaml.getMessage() + ")");
                yaml = null;
            }
            if (yaml instanceof Map<?, ?> menus && menus.get("main") instanceof List<?> entries) {
                for (Object entry : entries) {
                    if (entry instanceof Map<?, ?> link && link.get("title") != null && link.get("url") != null) {
                        main.add(menuEntry(String.valueOf(link.get("title")), String.valueOf(link.get("url")).replace("{{ site.baseurl }}", ""),
                                main.size()));
                    }
                }
            }
        }
        if (config.get("header_pages") instanceof List<?> pages) {
            for (Object page : pages) {
                String file = String.valueOf(page);
                Optional<Outcome> published = plan.outcomes().stream().filter(o -> o.file().equals(file) && o.newsroomUrl().isPresent()).findFirst();
                Optional<Object> title = plan.uploads().stream()
                        .filter(u -> u.key().equals(prefixes.pages() + file.replaceAll("\\.(markdown|html?)$", ".md"))).findFirst()
                        .flatMap(u -> {
                            try {
                                return Optional.ofNullable(ArticleParser.markdownSource(new String(u.bytes(), StandardCharsets.UTF_8)).fields().get("title"));
                            } catch (InvalidArticleException unreadable) {
                                return Optional.empty();
                            }
                        });
                if (published.isPresent() && title.isPresent()) {
                    main.add(menuEntry(String.valueOf(title.get()), published.get().newsroomUrl().get(), main.size()));
                } else {
                    plan.assume("site.yaml: the header page " + file + " is left out of the main menu: it is not published");
                }
            }
        }
        return main;
    }

    private static Map<String, Object> menuEntry(String name, String url, int weight) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("url", url);
        entry.put("weight", weight);
        return entry;
    }

    /**
     * A page: a static page where it is content, else reported. Jekyll gives a page no date and
     * often no title (its layout may show one); the import takes the file's last change and its
     * first heading, else its name, and says so.
     */
    private Outcome page(Path site, String relative, Path file, String permalink, Map<String, String> postPaths,
                         PublishCheck check, ImportPlan plan) throws IOException {
        String name = file.getFileName().toString();
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        if (!CONTENT_PAGE.matcher(name).matches()) {
            return Outcome.notImported(relative, "a generated file (" + name + "): Newsroom writes its own feeds, sitemaps and styles",
                    Optional.empty());
        }
        if (relative.equals(name) && (stem.equals("index") || stem.equals("404"))) {
            return Outcome.notImported(relative, stem.equals("index") ? "the home page: Newsroom makes its own"
                    : "the not-found page: Newsroom has its own", Optional.empty());
        }
        ContentFile content = ContentFile.read(file, relative);
        if (content.refusal().isPresent()) {
            return content.refusal().get();
        }
        ArticleParser.Source source = content.source().orElseThrow();
        Map<String, Object> fields = source.fields();
        String folder = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/')) : "";
        Optional<String> originalUrl = Optional.of(Optional.ofNullable(fields.get("permalink")).map(String::valueOf)
                .filter(p -> !p.isBlank())
                .orElseGet(() -> ("/" + folder + "/" + (stem.equals("index") ? "" : stem + pageSuffix(permalink))).replaceAll("/{2,}", "/")));
        if (Boolean.FALSE.equals(fields.get("published"))) {
            return Outcome.notImported(relative, "unpublished: published is false", Optional.empty());
        }
        if (LISTS_POSTS.matcher(source.body()).find()) {
            return Outcome.notImported(relative, "a listing of the site's posts, built with Liquid: Newsroom makes its own listings",
                    originalUrl);
        }
        List<String> warnings = new ArrayList<>();
        StringBuilder added = new StringBuilder();
        if (!fields.containsKey("title")) {
            Optional<String> heading = Optional.of(FIRST_HEADING.matcher(source.body())).filter(Matcher::find).map(m -> m.group(1));
            String title = heading.orElseGet(() -> Character.toUpperCase(stem.charAt(0)) + stem.substring(1).replace('-', ' '));
            added.append("title: ").append(dev.newsroom.core.json.Json.write(title)).append('\n');
            warnings.add("no title: it is named '" + title + "', from " + (heading.isPresent() ? "its first heading" : "its file's name"));
        }
        if (!fields.containsKey("date")) {
            LocalDate changed = Files.getLastModifiedTime(file).toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
            added.append("date: ").append(changed).append('\n');
            warnings.add("no date: it is dated " + changed + ", the day its file last changed");
        }
        String frontMatter = content.frontMatter().replaceFirst("\n", Matcher.quoteReplacement("\n" + added)); // after the opening ---
        String key = prefixes.pages() + relative.replaceAll("\\.(markdown|html?)$", ".md");
        return publish(site, relative, key, name, frontMatter, source.body(), fields, originalUrl.get(), postPaths, warnings, check, plan);
    }

    /**
     * The pattern that gives a post added later the URL Jekyll would have given it: the site's
     * permalink in Newsroom's tokens, for the posts, which sit at {@code articles/}'s root. A pattern
     * with what Newsroom's cannot express ({@code :categories}, {@code :i_month}, …) is left out and
     * said; each imported post keeps its URL all the same.
     */
    private static Optional<String> newsroomPattern(String pattern, ImportPlan plan) {
        Matcher tokens = TOKEN.matcher(pattern);
        StringBuilder translated = new StringBuilder();
        List<String> inexpressible = new ArrayList<>();
        while (tokens.find()) {
            String token = switch (tokens.group(1)) {
                case "year", "month", "day" -> ":" + tokens.group(1);
                case "title", "slug" -> ":slug";
                case "output_ext" -> ".html";
                default -> {
                    inexpressible.add(":" + tokens.group(1));
                    yield "";
                }
            };
            tokens.appendReplacement(translated, Matcher.quoteReplacement(token));
        }
        tokens.appendTail(translated);
        Optional<String> problem = inexpressible.isEmpty() ? Permalinks.problem(translated.toString())
                : Optional.of("it uses " + String.join(" and ", inexpressible) + ", which Newsroom's patterns do not have");
        if (problem.isPresent()) {
            plan.assume("site.yaml not written: the permalink " + pattern + " cannot be Newsroom's (" + problem.get()
                    + "); each post keeps its URL, and a post added later takes Newsroom's /articles/:slug");
            return Optional.empty();
        }
        return Optional.of(translated.toString());
    }

    /** What a page's URL ends with where its front matter names none, by the site's {@code permalink}, as Jekyll does. */
    private static String pageSuffix(String permalink) {
        return switch (permalink) {
            case "pretty" -> "/";
            case "date", "ordinal", "none" -> ".html";
            default -> permalink.endsWith("/") ? "/" : permalink.endsWith(":output_ext") ? ".html" : "";
        };
    }

    /** The site's {@code exclude} list, as globs of paths from the site's root; a folder excludes what is in it. */
    private static List<PathMatcher> excluded(Map<String, Object> config) {
        Object exclude = config.getOrDefault("exclude", List.of());
        List<PathMatcher> matchers = new ArrayList<>();
        if (exclude instanceof List<?> entries) {
            for (Object entry : entries) {
                String glob = String.valueOf(entry).replaceAll("^/+|/+$", "");
                if (!glob.isEmpty()) {
                    matchers.add(FileSystems.getDefault().getPathMatcher("glob:{" + glob + "," + glob + "/**}"));
                }
            }
        }
        return matchers;
    }

    private Outcome post(Path site, String relative, Path file, Matcher name, String pattern,
                         Map<String, String> postPaths, PublishCheck check, ImportPlan plan) throws IOException {
        ContentFile content = ContentFile.read(file, relative);
        if (content.refusal().isPresent()) {
            return content.refusal().get();
        }
        ArticleParser.Source source = content.source().orElseThrow();
        Map<String, Object> fields = source.fields();
        LocalDate day = day(name);
        Optional<String> originalUrl = Optional.of(originalUrl(fields, pattern, name));
        if (Boolean.FALSE.equals(fields.get("published"))) {
            return Outcome.notImported(relative, "unpublished: published is false", Optional.empty());
        }
        String frontMatter = content.frontMatter();
        return publish(site, relative, postKey(relative), file.getFileName().toString(), frontMatter, source.body(), fields, originalUrl.get(), postPaths,
                new ArrayList<>(), check, plan);
    }

    /** Where a post goes in the source bucket; publish reads .md files, so a .markdown or .html post is uploaded as one. */
    private String postKey(String relative) {
        return prefixes.articles() + relative.substring(relative.indexOf("_posts/") + "_posts/".length()).replaceAll("\\.(markdown|html)$", ".md");
    }

    /**
     * A post's or page's upload, checked as the publish function will read it: its Liquid resolved,
     * the static files it uses carried over, an HTML file marked as such, and its URL kept.
     */
    private Outcome publish(Path site, String relative, String key, String fileName, String frontMatter, String source,
                            Map<String, Object> fields, String originalUrl, Map<String, String> postPaths, List<String> warnings,
                            PublishCheck check, ImportPlan plan) throws IOException {
        Liquid.Resolved liquid = Liquid.resolve(source, post -> Optional.ofNullable(postPaths.get(post)));
        List<String> staticFiles = new ArrayList<>();
        FileReferences.Rewritten body = FileReferences.rewrite(liquid.body(), "", path -> Optional.empty(),
                path -> Optional.of(path).filter(p -> !p.startsWith("_") && Files.isRegularFile(site.resolve(p)) && !isPage(site.resolve(p)))
                        .map(p -> {
                            staticFiles.add(p);
                            return "/" + SiteLayout.ASSETS + FileReferences.encodedPath(p.startsWith(SiteLayout.ASSETS) ? p.substring(SiteLayout.ASSETS.length()) : p);
                        }));
        if (fileName.matches("(?i).+\\.html?$")) {
            frontMatter = frontMatter.replaceFirst("\n", "\nmarkup: html\n"); // after the opening ---
        }
        frontMatter = OriginalUrl.keep(frontMatter, fields, originalUrl, warnings,
                check.pathOf(key, (frontMatter + body.body()).getBytes(StandardCharsets.UTF_8)));
        byte[] bytes = (frontMatter + body.body()).getBytes(StandardCharsets.UTF_8);
        PublishCheck.Checked checked = check.check(relative, key, bytes, Optional.of(originalUrl));
        if (checked.refusal().isPresent()) {
            return checked.refusal().get();
        }
        Article article = checked.article().orElseThrow();
        plan.upload(key, bytes);
        for (String path : staticFiles) {
            String assetKey = path.startsWith(SiteLayout.ASSETS) ? path.substring(SiteLayout.ASSETS.length()) : path;
            plan.upload(prefixes.assets() + assetKey, Files.readAllBytes(site.resolve(path)));
        }
        warnings.addAll(liquid.warnings());
        warnings.addAll(body.warnings());
        article.warnings().forEach(w -> warnings.add(w.toString()));
        if (article.metadata().goesPublic().isAfter(now)) {
            warnings.add(PublishCheck.embargoNote(article)); // as Jekyll holds it back until then
        }
        return Outcome.published(relative, warnings, Optional.of(originalUrl), article.path());
    }

    /** Where Jekyll publishes the post: its own permalink, or the site's pattern filled in. */
    private static String originalUrl(Map<String, Object> fields, String pattern, Matcher name) {
        return Optional.of(String.valueOf(fields.getOrDefault("permalink", ""))).filter(p -> !p.isBlank())
                .orElseGet(() -> url(pattern, day(name), name, fields));
    }

    private static LocalDate day(Matcher name) {
        return LocalDate.of(Integer.parseInt(name.group(1)), Integer.parseInt(name.group(2)), Integer.parseInt(name.group(3)));
    }

    /** A post's URL by Jekyll's permalink tokens; categories lower case, joined by slashes. */
    private static String url(String pattern, LocalDate day, Matcher name, Map<String, Object> fields) {
        Object categories = fields.getOrDefault("categories", fields.getOrDefault("category", ""));
        List<String> names = categories instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(categories).split("\\s+"));
        String joined = String.join("/", names.stream().filter(n -> !n.isBlank()).map(n -> n.toLowerCase(Locale.ROOT)).toList());
        String title = String.valueOf(fields.getOrDefault("slug", name.group(4)));
        Matcher tokens = TOKEN.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (tokens.find()) {
            String value = switch (tokens.group(1)) {
                case "year" -> name.group(1);
                case "short_year" -> name.group(1).substring(2);
                case "month" -> name.group(2);
                case "i_month" -> String.valueOf(day.getMonthValue());
                case "day" -> name.group(3);
                case "i_day" -> String.valueOf(day.getDayOfMonth());
                case "y_day" -> String.format("%03d", day.getDayOfYear());
                case "title" -> title;
                case "slug" -> Slugs.normalise(title);
                case "categories" -> joined;
                default -> ".html"; // output_ext
            };
            tokens.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        tokens.appendTail(out);
        return out.toString().replaceAll("/{2,}", "/");
    }

    private static boolean inFolder(Path site, Path file, String folder) {
        for (Path part : site.relativize(file)) {
            if (part.toString().equals(folder)) {
                return true;
            }
        }
        return false;
    }

    /** A page, in Jekyll's sense: a file that opens with front matter. */
    private static boolean isPage(Path file) {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(4), StandardCharsets.UTF_8).startsWith("---");
        } catch (IOException e) {
            return false;
        }
    }
}
