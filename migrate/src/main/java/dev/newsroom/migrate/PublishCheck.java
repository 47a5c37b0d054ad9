package dev.newsroom.migrate;

import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.article.Problem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the publish function will make of an import's article, decided before it is uploaded: the
 * article it parses, or why it refuses it, including an address another article of the import has.
 */
public final class PublishCheck {

    /** The report's note on an article dated after the import: uploaded now, and embargoed until its time. */
    public static String embargoNote(Article article) {
        return "embargoed until " + article.metadata().goesPublic() + ": the publish function keeps it off the site until then, and puts it live by its schedule";
    }

    /** The article publish will make, or the outcome that refuses it: exactly one is present. */
    public record Checked(Optional<Article> article, Optional<ImportPlan.Outcome> refusal) {
    }

    private final ArticleParser parser;
    private final ArticleParser pageParser;
    private final String pagePrefix;
    private final Map<String, String> pathOwners = new HashMap<>();

    /** @param pagePrefix where static pages go in the source bucket: read as the publish function reads pages */
    public PublishCheck(ArticleParser parser, String pagePrefix) {
        this.parser = parser;
        this.pageParser = parser.forPages();
        this.pagePrefix = pagePrefix;
    }

    /** @param label the source file or item, as the report names it */
    public Checked check(String label, String key, byte[] bytes, Optional<String> originalUrl) {
        Article article;
        try {
            article = (key.startsWith(pagePrefix) ? pageParser : parser).parse(key, bytes);
        } catch (InvalidArticleException e) {
            return refused(ImportPlan.Outcome.refused(label, "the publish function would refuse it",
                    e.problems().stream().map(Problem::toString).toList(), originalUrl));
        }
        String owner = pathOwners.putIfAbsent(article.path(), label);
        if (owner != null) {
            return refused(ImportPlan.Outcome.refused(label, "its address is taken: two articles cannot share a URL",
                    List.of("'" + article.path() + "' is already " + owner + "'s"), originalUrl));
        }
        return new Checked(Optional.of(article), Optional.empty());
    }

    /**
     * The path the publish function gives the file, if it reads it; nothing is recorded. An import
     * leaves out a {@code url} the site's patterns would give anyway, so the article follows them.
     */
    public Optional<String> pathOf(String key, byte[] bytes) {
        try {
            return Optional.of((key.startsWith(pagePrefix) ? pageParser : parser).parse(key, bytes).path());
        } catch (InvalidArticleException e) {
            return Optional.empty();
        }
    }

    private static Checked refused(ImportPlan.Outcome outcome) {
        return new Checked(Optional.empty(), Optional.of(outcome));
    }
}
