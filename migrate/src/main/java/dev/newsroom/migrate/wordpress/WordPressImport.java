package dev.newsroom.migrate.wordpress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.Slugs;
import dev.newsroom.core.site.OldUrls;
import dev.newsroom.migrate.ImportPlan;
import dev.newsroom.migrate.OriginalUrl;
import dev.newsroom.migrate.Prefixes;
import dev.newsroom.migrate.PublishCheck;
import dev.newsroom.migrate.SiteYaml;
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

    /** Maps' keys in order, whatever map built them, so importing again writes the same file. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final Pattern REMOTE_IMAGE = Pattern.compile("<img\\b[^>]*\\bsrc=[\"'](https?://([^/\"']+)[^\"']*)[\"']",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private final ArticleParser parser;
    private final Prefixes prefixes;

    public WordPressImport(ArticleParser parser, Prefixes prefixes) {
        this.parser = parser;
        this.prefixes = prefixes;
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
        PublishCheck check = new PublishCheck(parser, prefixes.pages());
        Map<String, Integer> comments = new java.util.TreeMap<>();
        Map<Long, Article> published = new HashMap<>();
        for (Wxr.Item item : export.items()) {
            if (!item.type().equals("attachment") && !item.type().equals("nav_menu_item")) {
                Outcome outcome = outcome(export, item, attachments, attachedTo, check, plan, published);
                plan.record(outcome);
                boolean post = item.type().equals("post");
                List<ImportPlan.Comment> kept = post && outcome.newsroomUrl().isPresent() ? comments(item, comments) : List.of();
                outcome.newsroomUrl().ifPresent(path -> plan.comments(path, kept));
                if ((!post || outcome.newsroomUrl().isEmpty()) && !item.comments().isEmpty()) {
                    comments.merge(post ? "left out: on posts not imported" : "left out: on pages, which take no comments",
                            item.comments().size(), Integer::sum);
                }
            }
        }
        if (!comments.isEmpty()) {
            String brought = java.util.stream.Stream.of("approved", "pending").filter(comments::containsKey)
                    .map(status -> comments.get(status) + " " + status).collect(Collectors.joining(" and "));
            String left = comments.entrySet().stream().filter(e -> e.getKey().startsWith("left out: "))
                    .map(e -> e.getValue() + " " + e.getKey().substring("left out: ".length())).collect(Collectors.joining(", "));
            plan.assume("comments: " + (brought.isEmpty() ? "none" : brought) + " brought along"
                    + (left.isEmpty() ? "" : "; left out: " + left));
        }
        menus(export, published, plan);
        return plan;
    }

    /**
     * The site's menus, written as {@code site.yaml}'s, and each menu item's outcome. They name the
     * posts' and pages' Newsroom paths, so they come after them; the articles do not depend on them.
     */
    private static void menus(Wxr export, Map<Long, Article> published, ImportPlan plan) {
        WordPressMenus.Menus menus = WordPressMenus.of(export, published);
        List<String> notes = new ArrayList<>();
        Map<String, List<Map<String, Object>>> allowed = SiteYaml.menusAllowed(menus.menus(), notes);
        Set<Map<String, Object>> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        allowed.values().forEach(kept::addAll);
        Optional<byte[]> yaml = allowed.isEmpty() ? Optional.empty() : SiteYaml.write("import wordpress", Map.of("menus", allowed), notes);
        notes.forEach(plan::assume);
        yaml.ifPresent(bytes -> {
            plan.siteSettings(bytes);
            plan.assume("site.yaml written with the site's menus (" + String.join(", ", allowed.keySet())
                    + "); an item nested under another is listed flat");
        });
        for (Wxr.Item item : export.items()) {
            if (!item.type().equals("nav_menu_item")) {
                continue;
            }
            String label = item.type() + " " + item.id() + " \"" + item.title() + "\"";
            Map<String, Object> entry = menus.entries().get(item.id());
            String cause = entry == null ? menus.leftOut().get(item.id())
                    : yaml.isPresent() && kept.contains(entry) ? "a menu item: in site.yaml's menus"
                    : "a menu item left out of site.yaml's menus: see the assumptions";
            plan.record(Outcome.notImported(label, cause, Optional.empty()));
        }
    }

    private Outcome outcome(Wxr export, Wxr.Item item, Map<Long, WordPressBodies.Attachment> attachments,
                            Map<Long, List<WordPressBodies.Attachment>> attachedTo, PublishCheck check,
                            ImportPlan plan, Map<Long, Article> published) {
        String label = item.type() + " " + item.id() + " \"" + item.title() + "\"";
        Optional<String> originalUrl = originalPath(item);
        if (!item.type().equals("post") && !item.type().equals("page")) {
            return Outcome.notImported(label, "a " + item.type() + ": only posts and pages are imported", originalUrl);
        }
        if (!item.password().isEmpty()) {
            return Outcome.notImported(label, "password-protected: its text is not public, so it is not imported", originalUrl);
        }
        switch (item.status()) {
            case "publish", "future" -> { }
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
        String written = decoded(item.name());
        String slug = written;
        if (!written.isBlank() && Slugs.normalise(written).isEmpty()) {
            slug = "p-" + item.id();
            warnings.add("its slug " + written + " has no Latin letters or digits, which slugs need: it is published as " + slug);
        }
        String key = (item.type().equals("page") ? prefixes.pages() : prefixes.articles()) + originalUrl.map(p -> p.replaceAll("^/|/$", "")).filter(p -> !p.isEmpty() && !p.contains("?"))
                .orElse("wordpress/" + item.id()) + ".md";
        byte[] bytes = (frontMatter(export, item, slug, attachments, warnings, originalUrl) + body + "\n").getBytes(StandardCharsets.UTF_8);
        PublishCheck.Checked checked = check.check(label, key, bytes, originalUrl);
        if (checked.refusal().isPresent()) {
            return checked.refusal().get();
        }
        Article article = checked.article().orElseThrow();
        plan.upload(key, bytes);
        published.put(item.id(), article);
        article.warnings().forEach(w -> warnings.add(w.toString()));
        if (item.status().equals("future")) {
            warnings.add(PublishCheck.embargoNote(article)); // scheduled in WordPress: it goes live at the same time here
        }
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
        Optional<String> permalink = originalUrl.filter(path -> !path.contains("?"));
        Optional<String> kept = permalink.flatMap(path -> OriginalUrl.keepable(path, warnings));
        kept.ifPresent(path -> field(yaml, "url", path));
        List<String> aliases = new ArrayList<>();
        // WordPress answers its numeric links whatever the permalinks: so does the article, with a 301.
        if (item.id() > 0) {
            aliases.add((item.type().equals("page") ? "/?page_id=" : "/?p=") + item.id());
        }
        // A permalink that cannot be the article's path (one in Greek letters) answers 301 with the path it has instead.
        permalink.filter(path -> kept.isEmpty()).filter(path -> OldUrls.key(path, "/").problem().isEmpty()).ifPresent(path -> {
                    aliases.add(path);
                    warnings.add("its permalink answers 301 with that address");
                });
        if (!aliases.isEmpty()) {
            field(yaml, "aliases", aliases);
        }
        if (item.sticky()) {
            field(yaml, "sticky", true);
        }
        field(yaml, "markup", "html");
        return yaml.append("---\n").toString();
    }

    /**
     * The post's comments as WordPress showed or held them: approved ones to show, pending ones for the
     * moderation queue, oldest first, each reply after the comment it answers (a reply to one left
     * behind stands alone). Spam, trash, pingbacks and trackbacks stay behind; {@code counts} says how many of each.
     */
    static List<ImportPlan.Comment> comments(Wxr.Item item, Map<String, Integer> counts) {
        List<Wxr.Comment> sorted = item.comments().stream()
                .sorted(java.util.Comparator.comparing(Wxr.Comment::dateGmt).thenComparingLong(Wxr.Comment::id)).toList();
        Set<Long> kept = new java.util.HashSet<>();
        List<ImportPlan.Comment> comments = new ArrayList<>();
        for (Wxr.Comment c : sorted) {
            String status = c.approved().equals("1") ? "approved" : c.approved().equals("0") ? "pending" : "";
            String left = !c.type().isEmpty() && !c.type().equals("comment") ? c.type() + "s"
                    : status.isEmpty() ? "in WordPress's " + c.approved() : c.dateGmt().startsWith("0000") || c.dateGmt().isBlank() ? "undated" : "";
            if (!left.isEmpty()) {
                counts.merge("left out: " + left, 1, Integer::sum);
                continue;
            }
            counts.merge(status, 1, Integer::sum);
            kept.add(c.id());
            comments.add(new ImportPlan.Comment("wp-" + c.id(),
                    Optional.of(c.parent()).filter(kept::contains).map(parent -> "wp-" + parent),
                    c.author().isBlank() ? "Anonymous" : c.author().strip(),
                    Optional.of(c.email().strip()).filter(e -> !e.isEmpty()),
                    Optional.of(c.url().strip()).filter(u -> u.startsWith("https://") || u.startsWith("http://")),
                    text(c.content()), c.dateGmt().strip().replace(' ', 'T') + "Z", status));
        }
        return comments;
    }

    /**
     * A post's name as WordPress stores it, percent-encoded; one whose escapes are broken (found by
     * WxrFuzzTest) is read as written, and its slug made from that.
     */
    private static String decoded(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException brokenEscape) {
            return name;
        }
    }

    /** A comment's HTML, as WordPress shows it, in the plain text comments hold: paragraphs and line breaks kept. */
    private static String text(String html) {
        org.jsoup.nodes.Document fragment = org.jsoup.Jsoup.parseBodyFragment(html);
        // wholeText gives a line break for each <br>; paragraphs need the blank line between them.
        fragment.select("p").before("\n\n");
        return fragment.body().wholeText().strip();
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
            // A doubled slash (a site URL written with a trailing one, then joined) is one, as WordPress serves it.
            String path = link.getRawPath() == null || link.getRawPath().isEmpty() ? "/" : link.getRawPath().replaceAll("/{2,}", "/");
            return Optional.of(link.getRawQuery() == null ? path : path + "?" + link.getRawQuery());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
