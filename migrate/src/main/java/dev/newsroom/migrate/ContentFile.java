package dev.newsroom.migrate;

import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.article.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A source site's content file as an import reads it: its text split into front matter and body,
 * or, where its front matter cannot be read, the outcome that says so. Exactly one is present.
 */
public record ContentFile(String text, Optional<ArticleParser.Source> source, Optional<ImportPlan.Outcome> refusal) {

    /** @param label the file as the report names it */
    public static ContentFile read(Path file, String label) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return new ContentFile(text, Optional.of(ArticleParser.markdownSource(text)), Optional.empty());
        } catch (InvalidArticleException e) {
            return new ContentFile(text, Optional.empty(), Optional.of(ImportPlan.Outcome.refused(label, "its front matter cannot be read",
                    e.problems().stream().map(Problem::toString).toList(), Optional.empty())));
        }
    }

    /** The front matter as written, its delimiters included. */
    public String frontMatter() {
        return text.substring(0, text.length() - source.orElseThrow().body().length());
    }
}
