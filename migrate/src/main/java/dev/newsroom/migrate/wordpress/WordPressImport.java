package dev.newsroom.migrate.wordpress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.Slugs;
import dev.newsroom.migrate.ImportPlan;
import dev.newsroom.migrate.OriginalUrl;
import dev.newsroom.migrate.PublishCheck;
import dev.newsroom.migrate.ImportPlan.Outcome;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Plans the import of a WordPress export: each published post becomes an article whose body is
 * WordPress's HTML ({@code markup: html}), with its categories, tags, author, excerpt, featured
 * image, comment status and slug; every other item is reported with the reason it is left out.
 */
public final class WordPressImport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REMOTE_IMAGE = Pattern.compile("<img\\b[^>]*\\bsrc=[\"'](https?://([^/\"']+)[^\"']*)[\"']",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private final ArticleParser parser;
    private final String articlePrefix;

    public WordPressImport(ArticleParser parser, String articlePrefix) {
        this.parser = parser;
        this.articlePrefix = articlePrefix;
    }

    public ImportPlan plan(Wxr export, String file) {
        ImportPlan plan = new ImportPlan("items");
        plan.assume("export of " + export.title() + " (" + export.link() + ") read from " + file);
        Map<Long, WordPressBodies.Attachment> attachments = new HashMap<>();
        Map<Long, List<WordPressBodies.Attachment>> attachedTo = new HashMap<>();
        for (Wxr.Item item : export.items()) {
            if (item.type().equals("attachment")) {
                var attachment = new WordPressBodies.Attachment(item.id(), item.attachmentUrl(), item.title());
                attachments.put(item.id(), attachment);
                attachedTo.computeIfAbsent(item.parent(), id -> new ArrayList<>()).add(attachment);
            }
        }
        Map<String, Long> comments = export.items().stream().flatMap(item -> item.comments().stream())
                .collect(Collectors.groupingBy(c -> switch (c.approved()) {
                    case "1" -> "approved";
                    case "0" -> "pending";
                    default -> c.approved();
                }, Collectors.counting()));
        if (!comments.isEmpty()) {
            plan.assume("comments not imported yet: " + comments.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey()).sorted().collect(Collectors.joining(", ")));
        }
        PublishCheck check = new PublishCheck(parser);
        for (Wxr.Item item : export.items()) {
            if (!item.type().equals("attachment")) {
                plan.record(outcome(export, item, attachments, attachedTo, check, plan));
            }
        }
        return plan;
    }

    private Outcome outcome(Wxr export, Wxr.Item item, Map<Long, WordPressBodies.Attachment> attachments,
                            Map<Long, List<WordPressBodies.Attachment>> attachedTo, PublishCheck check,
                            ImportPlan plan) {
        String label = item.type() + " " + item.id() + " \"" + item.title() + "\"";
        Optional<String> originalUrl = originalPath(item);
        if (!item.type().equals("post")) {
            return Outcome.notImported(label, switch (item.type()) {
                case "page" -> "a page: static pages are not imported yet";
                case "nav_menu_item" -> "a menu item: menus come with the site configuration";
                default -> "a " + item.type() + ": only posts are imported";
            }, originalUrl);
        }
        if (!item.password().isEmpty()) {
            return Outcome.notImported(label, "password-protected: its text is not public, so it is not imported", originalUrl);
        }
        switch (item.status()) {
            case "publish" -> { }
            case "future" -> {
                return Outcome.notImported(label, "scheduled: publishing at a set time is not built yet", originalUrl);
            }
            case "draft", "pending", "auto-draft" -> {
                return Outcome.notImported(label, "a draft: WordPress does not publish it", Optional.empty());
            }
            case "private" -> {
                return Outcome.notImported(label, "private: WordPress shows it only to its editors", Optional.empty());
            }
            default -> {
                return Outcome.notImported(label, "in WordPress's " + item.status() + ": not published", Optional.empty());
            }
        }
        List<String> warnings = new ArrayList<>();
        String body = WordPressBodies.html(item.content(), attachments::get, attachedTo.getOrDefault(item.id(), List.of()));
        Set<String> hosts = new LinkedHashSet<>();
        Matcher remote = REMOTE_IMAGE.matcher(body);
        while (remote.find()) {
            hosts.add(remote.group(2));
        }
        if (!hosts.isEmpty()) {
            warnings.add("its images stay where they are, on " + String.join(", ", hosts) + ": an import cannot fetch them here");
        }
        String written = URLDecoder.decode(item.name(), StandardCharsets.UTF_8);
        String slug = written;
        if (!written.isBlank() && Slugs.normalise(written).isEmpty()) {
            slug = "p-" + item.id();
            warnings.add("its slug " + written + " has no Latin letters or digits, which slugs need: it is published as " + slug);
        }
        String key = articlePrefix + originalUrl.map(p -> p.replaceAll("^/|/$", "")).filter(p -> !p.isEmpty() && !p.contains("?"))
                .orElse("wordpress/" + item.id()) + ".md";
        byte[] bytes = (frontMatter(export, item, slug, attachments, warnings, originalUrl) + body + "\n").getBytes(StandardCharsets.UTF_8);
        PublishCheck.Checked checked = check.check(label, key, bytes, originalUrl);
        if (checked.refusal().isPresent()) {
            return checked.refusal().get();
        }
        Article article = checked.article().orElseThrow();
        plan.upload(key, bytes);
        article.warnings().forEach(w -> warnings.add(w.toString()));
        return Outcome.published(label, warnings, originalUrl, article.path());
    }

    private static String frontMatter(Wxr export, Wxr.Item item, String slug, Map<Long, WordPressBodies.Attachment> attachments,
                                      List<String> warnings, Optional<String> originalUrl) {
        StringBuilder yaml = new StringBuilder("---\n");
        field(yaml, "title", item.title().isBlank() ? "(no title)" : item.title());
        field(yaml, "date", item.dateGmt().isEmpty() || item.dateGmt().startsWith("0000")
                ? item.date().replace(' ', 'T') : item.dateGmt().replace(' ', 'T') + "Z");
        field(yaml, "author", export.authorNames().getOrDefault(item.creator(), item.creator()));
        List<String> categories = terms(item, "category");
        List<String> tags = terms(item, "post_tag");
        if (!categories.isEmpty()) {
            field(yaml, "categories", categories);
        }
        if (!tags.isEmpty()) {
            field(yaml, "tags", tags);
        }
        String excerpt = TAG.matcher(item.excerpt()).replaceAll("").strip();
        if (!excerpt.isEmpty()) {
            field(yaml, "summary", excerpt);
        }
        Optional.ofNullable(item.meta().get("_thumbnail_id")).flatMap(id -> {
            try {
                return Optional.ofNullable(attachments.get(Long.parseLong(id)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }).ifPresent(image -> {
            if (image.url().startsWith("https://")) {
                field(yaml, "image", Map.of("src", image.url(), "alt", image.title()));
            } else {
                warnings.add("its featured image " + image.url() + " is not an https address: it is left out");
            }
        });
        field(yaml, "comments", item.commentStatus().equals("open") ? "open" : "closed");
        if (!slug.isBlank()) {
            field(yaml, "slug", slug);
        }
        // A post at /?p=123, WordPress's plain permalink, has no path to keep: it is published at its slug's address.
        originalUrl.filter(path -> !path.contains("?")).flatMap(path -> OriginalUrl.keepable(path, warnings))
                .ifPresent(path -> field(yaml, "url", path));
        if (item.sticky()) {
            field(yaml, "sticky", true);
        }
        field(yaml, "markup", "html");
        return yaml.append("---\n").toString();
    }

    private static List<String> terms(Wxr.Item item, String domain) {
        return item.terms().stream().filter(t -> t.domain().equals(domain)).map(Wxr.Term::name).distinct().toList();
    }

    /** One front matter line; a JSON value is a YAML value, so the export's text cannot break the YAML. */
    private static void field(StringBuilder yaml, String name, Object value) {
        try {
            yaml.append(name).append(": ").append(JSON.writeValueAsString(value)).append('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("text, lists and maps always write as JSON", e);
        }
    }

    /** The path of the item's permalink, where WordPress published it. */
    private static Optional<String> originalPath(Wxr.Item item) {
        try {
            URI link = URI.create(item.link().strip());
            String path = link.getRawPath() == null || link.getRawPath().isEmpty() ? "/" : link.getRawPath();
            return Optional.of(link.getRawQuery() == null ? path : path + "?" + link.getRawQuery());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
