package dev.newsroom.migrate.jekyll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.article.SiteRules;
import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.MarkdownRenderer;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.migrate.ImportPlan;
import dev.newsroom.migrate.ImportPlan.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small Jekyll site's import: its posts, their Liquid, their URLs and static files, and what is left out. */
class JekyllImportTest {

    private static final ArticleParser PARSER = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, "Example",
            ZoneOffset.UTC);

    @TempDir
    Path site;

    private void write(String path, String text) throws IOException {
        Path file = site.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private ImportPlan plan() throws IOException {
        write("_config.yml", "title: Example\npermalink: pretty\n");
        write("_posts/2024-05-01-trams-return.md", """
                ---
                title: Trams return
                categories: [City, Transport]
                ---
                Trams run again. ![Map]({{ "/assets/img/map.png" | relative_url }}) and ![Old](/images/old.png)

                See [the earlier post]({% post_url 2024-04-01-tram-works %}) and {{ site.baseurl }}/about.

                {% highlight ruby %}
                puts "{{ not liquid }}"
                {% endhighlight %}

                {% include newsletter.html %}
                """);
        write("_posts/2024-04-01-tram-works.markdown", "---\ntitle: Tram works\n---\nWorks begin.\n");
        write("_posts/2099-01-01-future.md", "---\ntitle: Future\n---\nLater.\n");
        write("_posts/2024-03-01-hidden.md", "---\ntitle: Hidden\npublished: false\n---\nNo.\n");
        write("_drafts/idea.md", "---\ntitle: Idea\n---\nMaybe.\n");
        write("about.md", "---\ntitle: About\n---\nUs.\n");
        write("assets/img/map.png", "MAP");
        write("images/old.png", "OLD");
        write("README.md", "Not a page: no front matter.\n");
        write("_site/index.html", "built output");
        return new JekyllImport(PARSER, dev.newsroom.migrate.Prefixes.DEFAULT, Instant.parse("2026-12-05T00:00:00Z"))
                .plan(site, JekyllImport.config(site));
    }

    @Test
    void publishesPostsAndSaysWhyForTheRest() throws IOException {
        Map<String, Outcome> outcomes = plan().outcomes().stream().collect(Collectors.toMap(Outcome::file, Function.identity()));
        assertEquals(6, outcomes.size(), outcomes::toString);
        assertEquals(Optional.of("/city/transport/2024/05/01/trams-return/"), outcomes.get("_posts/2024-05-01-trams-return.md").originalUrl());
        assertEquals(List.of("{% include newsletter.html %} is Liquid that Newsroom does not run: it is left out"),
                outcomes.get("_posts/2024-05-01-trams-return.md").details());
        assertEquals("published", outcomes.get("_posts/2024-04-01-tram-works.markdown").result().label());
        assertTrue(outcomes.get("_posts/2099-01-01-future.md").cause().startsWith("waiting"));
        assertTrue(outcomes.get("_posts/2024-03-01-hidden.md").cause().startsWith("unpublished"));
        assertTrue(outcomes.get("_drafts/idea.md").cause().startsWith("a draft"));
        assertTrue(outcomes.get("about.md").cause().startsWith("a page"));
    }

    @Test
    void resolvesLiquidAndCarriesTheStaticFilesOver_C16() throws Exception {
        ImportPlan plan = plan();
        Map<String, byte[]> uploads = plan.uploads().stream().collect(Collectors.toMap(ImportPlan.Upload::key, ImportPlan.Upload::bytes));
        assertEquals(List.of("articles/2024-04-01-tram-works.md", "articles/2024-05-01-trams-return.md", "assets/images/old.png",
                "assets/img/map.png"), plan.uploads().stream().map(ImportPlan.Upload::key).sorted().toList());
        String source = new String(uploads.get("articles/2024-05-01-trams-return.md"), StandardCharsets.UTF_8);
        assertFalse(source.contains("{%") || source.contains("{{ site"), source);
        assertTrue(source.contains("![Map](/assets/img/map.png)") && source.contains("![Old](/assets/images/old.png)"), source);
        assertTrue(source.contains("[the earlier post](/2024/04/01/tram-works/)") && source.contains("puts \"{{ not liquid }}\""), source);
        Article article = PARSER.parse("articles/2024-05-01-trams-return.md", uploads.get("articles/2024-05-01-trams-return.md"));
        assertEquals("trams-return", article.metadata().slug());
        assertEquals(Instant.parse("2024-05-01T00:00:00Z"), article.metadata().published(), "the date from the file name");
        assertTrue(article.bodyHtml().contains("<code class=\"language-ruby\">"), article.bodyHtml());
    }
}
