package dev.newsroom.core.render;

import dev.newsroom.core.article.SiteRules;
import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.Correction;
import dev.newsroom.core.article.ArticleMetadata;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.Author;
import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.article.LeadImage;
import dev.newsroom.core.article.MarkdownRenderer;
import dev.newsroom.core.article.RelatedArticle;
import dev.newsroom.core.article.Term;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.site.SiteConfig;
import dev.newsroom.core.site.SiteLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Articles and site settings for rendering tests. */
public final class SamplePages {

    private static final ArticleParser PARSER = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, "The Daily Example", ZoneOffset.UTC);

    private SamplePages() {
    }

    public static SiteConfig site(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(Map.of("SITE_URL", "https://news.example.org",
                "SITE_NAME", "The Daily Example", "SITE_TWITTER", "@dailyexample"));
        env.putAll(overrides);
        return SiteConfig.from(new Env(env));
    }

    public static Article full() throws IOException, InvalidArticleException {
        try (InputStream in = SamplePages.class.getResourceAsStream("/articles/full.md")) {
            return PARSER.parse("articles/full.md", in.readAllBytes());
        }
    }

    /** A small article whose front matter has one extra line. */
    public static String markdown(String extraFrontMatter) {
        return "---\ntitle: Small\ndate: 2026-11-20T07:30:00Z\ncategory: City\n" + extraFrontMatter + "\n---\nText.\n";
    }

    public static Article parse(String name, String text) throws InvalidArticleException {
        return PARSER.parse("articles/" + name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Every text field carries {@code text}, as an attacker with an editor's account might write it. */
    public static Article hostile(String text) {
        var meta = new ArticleMetadata("/articles/hostile", "hostile", text, Instant.parse("2026-11-20T07:30:00Z"), Optional.empty(),
                List.of(Author.person(text, Optional.of(text), Optional.of("ok_handle"), Optional.of("https://x.example/?q=%22"), Optional.of(text))),
                new Term(text, "hostile-category"), List.of(new Term(text, "hostile-tag")), Optional.of(text),
                Optional.of(new LeadImage("/assets/hostile.png", text)), false, true, Optional.empty(), dev.newsroom.core.article.RelatedChoices.NONE, false,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(new Correction(text, Optional.of(Instant.parse("2026-11-21T07:30:00Z")))));
        return new Article(meta, "<p>Body.</p>");
    }

    /** The index entry of a published article, as the relate function keeps it. */
    public static dev.newsroom.core.index.Entry entry(Article article) {
        return dev.newsroom.core.index.Entry.of(dev.newsroom.core.article.StoredArticle.first(article,
                dev.newsroom.core.article.ArticleStatus.PUBLISHED, "articles/x.md", "01", "h", Instant.EPOCH)).orElseThrow();
    }

    /** The listing state the relate function would read for these entries. */
    public static dev.newsroom.core.index.ListingState state(dev.newsroom.core.index.ListingKey key,
                                                             List<dev.newsroom.core.index.Entry> entries) {
        var archives = new java.util.TreeSet<dev.newsroom.core.index.Archive>();
        entries.forEach(e -> archives.add(dev.newsroom.core.index.Archive.of(key, e.published(), ZoneOffset.UTC)));
        return new dev.newsroom.core.index.ListingState(key, 3, entries.size(), archives, -1);
    }

    public static List<RelatedArticle> related() {
        return List.of(
                new RelatedArticle("/articles/new-ferry-timetable", "New ferry timetable", Instant.parse("2026-11-18T08:00:00Z"),
                        Optional.of("Ferries every ten minutes at peak."), Optional.of(new LeadImage("/assets/ferry.jpg", "A ferry"))),
                new RelatedArticle("/articles/tram-line-approved", "Tram line approved", Instant.parse("2026-11-10T08:00:00Z"),
                        Optional.empty(), Optional.empty()));
    }

    /** A typical long article: about 800 words in paragraphs with a few headings. */
    public static Article eightHundredWords() throws InvalidArticleException {
        StringBuilder body = new StringBuilder();
        String sentence = "The council said the harbour works would finish before the winter storms arrived in the bay. ";
        for (int section = 1; section <= 4; section++) {
            body.append("## Section ").append(section).append("\n\n");
            for (int paragraph = 0; paragraph < 3; paragraph++) {
                body.append(sentence.repeat(4)).append("\n\n");
            }
        }
        return PARSER.parse("articles/long.md", ("---\ntitle: A long read about the harbour\ndate: 2026-11-20\n"
                + "author: {name: Amara Okafor, bio: Transport reporter., twitter: amara_writes}\ncategory: City\n"
                + "tags: [Transport, Harbour]\nimage: {src: /assets/a.jpg, alt: The harbour}\n---\n" + body)
                .getBytes(StandardCharsets.UTF_8));
    }
}
