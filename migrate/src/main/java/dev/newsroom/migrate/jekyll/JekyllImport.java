package dev.newsroom.migrate.jekyll;

import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.article.Problem;
import dev.newsroom.core.article.Slugs;
import dev.newsroom.core.site.ArticlePaths;
import dev.newsroom.core.site.SiteLayout;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * article, its Liquid resolved as Jekyll would ({@link Liquid}), with the site's static files its
 * pages use carried over as assets. Drafts, future posts ({@code future: false}), unpublished posts
 * and pages are reported. Each post's original URL follows Jekyll's {@code permalink} setting.
 */
public final class JekyllImport {

    private static final Pattern POST_NAME = Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})-(.+)\\.(md|markdown|html)$");
    private static final Map<String, String> PERMALINK_STYLES = Map.of(
            "date", "/:categories/:year/:month/:day/:title:output_ext",
            "pretty", "/:categories/:year/:month/:day/:title/",
            "ordinal", "/:categories/:year/:y_day/:title:output_ext",
            "none", "/:categories/:title:output_ext");
    private static final Pattern TOKEN = Pattern.compile(":(year|short_year|month|i_month|day|i_day|y_day|title|slug|categories|output_ext)");

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
        boolean future = Boolean.TRUE.equals(config.get("future"));
        plan.assume("posts read from _posts and _drafts, with the permalink " + pattern + (future ? ", future posts published" : ""));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(site)) {
            files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        }
        // Where each post will be, for {% post_url %}: its kept URL, or its slug's address where that cannot be kept.
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
                postPaths.put(name.group(1) + "-" + name.group(2) + "-" + name.group(3) + "-" + name.group(4),
                        fields.containsKey("url") || !ArticlePaths.isSafe(original)
                                ? SiteLayout.articlePath(Slugs.normalise(name.group(4))) : original);
            }
        }
        PublishCheck check = new PublishCheck(parser, prefixes.pages());
        for (Path file : files) {
            String relative = site.relativize(file).toString().replace('\\', '/');
            Matcher name = POST_NAME.matcher(file.getFileName().toString());
            if (inFolder(site, file, "_drafts")) {
                plan.record(Outcome.notImported(relative, "a draft: Jekyll does not publish it", Optional.empty()));
            } else if (inFolder(site, file, "_posts") && name.matches()) {
                plan.record(post(site, relative, file, name, pattern, future, postPaths, check, plan));
            } else if (!relative.startsWith("_") && !relative.contains("/_") && !relative.startsWith(".") && isPage(file)) {
                plan.record(Outcome.notImported(relative, "a page: static pages are not imported yet", Optional.empty()));
            }
        }
        return plan;
    }

    private Outcome post(Path site, String relative, Path file, Matcher name, String pattern, boolean future,
                         Map<String, String> postPaths, PublishCheck check, ImportPlan plan) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        ArticleParser.Source source;
        try {
            source = ArticleParser.markdownSource(text);
        } catch (InvalidArticleException e) {
            return Outcome.refused(relative, "its front matter cannot be read", e.problems().stream().map(Problem::toString).toList(),
                    Optional.empty());
        }
        Map<String, Object> fields = source.fields();
        LocalDate day = day(name);
        Optional<String> originalUrl = Optional.of(originalUrl(fields, pattern, name));
        if (Boolean.FALSE.equals(fields.get("published"))) {
            return Outcome.notImported(relative, "unpublished: published is false", Optional.empty());
        }
        if (!future && day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC).isAfter(now)) {
            return Outcome.notImported(relative, "waiting: dated in the future, and publishing at a set time is not built yet", originalUrl);
        }
        Liquid.Resolved liquid = Liquid.resolve(source.body(), post -> Optional.ofNullable(postPaths.get(post)));
        List<String> staticFiles = new ArrayList<>();
        FileReferences.Rewritten body = FileReferences.rewrite(liquid.body(), "", path -> Optional.empty(),
                path -> Optional.of(path).filter(p -> !p.startsWith("_") && Files.isRegularFile(site.resolve(p)) && !isPage(site.resolve(p)))
                        .map(p -> {
                            staticFiles.add(p);
                            return "/" + SiteLayout.ASSETS + FileReferences.encodedPath(p.startsWith(SiteLayout.ASSETS) ? p.substring(SiteLayout.ASSETS.length()) : p);
                        }));
        String frontMatter = text.substring(0, text.length() - source.body().length());
        if (name.group(5).equals("html")) {
            frontMatter = frontMatter.replaceFirst("\n", "\nmarkup: html\n"); // after the opening ---
        }
        List<String> warnings = new ArrayList<>();
        frontMatter = OriginalUrl.keep(frontMatter, fields, originalUrl.get(), warnings);
        byte[] bytes = (frontMatter + body.body()).getBytes(StandardCharsets.UTF_8);
        // Publish reads .md files: a .markdown or .html post is uploaded as one.
        String key = prefixes.articles() + relative.substring(relative.indexOf("_posts/") + "_posts/".length())
                .replaceAll("\\.(markdown|html)$", ".md");
        PublishCheck.Checked checked = check.check(relative, key, bytes, originalUrl);
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
        return Outcome.published(relative, warnings, originalUrl, article.path());
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
