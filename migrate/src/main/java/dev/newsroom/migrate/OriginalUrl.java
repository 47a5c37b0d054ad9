package dev.newsroom.migrate;

import dev.newsroom.core.site.ArticlePaths;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps an imported article at the URL the source site published it at: its front matter gets that
 * path as its {@code url}, unless it names one itself. A URL that cannot be an article's path (upper
 * case, a query, a folder of the site's own pages) is not kept: the article is published at its
 * slug's default path, and the report says so.
 */
public final class OriginalUrl {

    private OriginalUrl() {
    }

    /**
     * The front matter as written ({@code ---} YAML or {@code +++} TOML, delimiters included), with
     * {@code url} set to {@code originalPath} where it can be; a warning for the report where it cannot.
     */
    public static String keep(String frontMatter, Map<String, Object> fields, String originalPath, List<String> warnings) {
        return keep(frontMatter, fields, originalPath, warnings, Optional.empty());
    }

    /**
     * As {@link #keep(String, Map, String, List)}, but without {@code url} where the site's
     * permalink patterns already give the file {@code originalPath}: {@code placed}, the path the
     * file as written is published at. Such an article follows its pattern from then on, so a
     * later change of the pattern moves it, with a redirect.
     */
    public static String keep(String frontMatter, Map<String, Object> fields, String originalPath, List<String> warnings,
                              Optional<String> placed) {
        if (fields.containsKey("url") || placed.filter(originalPath::equals).isPresent() || keepable(originalPath, warnings).isEmpty()) {
            return frontMatter;
        }
        int opening = frontMatter.indexOf('\n') + 1;
        // The path is letters, digits, - _ . and /: it needs no quoting in YAML, and TOML quotes it all the same.
        String line = frontMatter.startsWith("+++") ? "url = \"" + originalPath + "\"\n" : "url: " + originalPath + "\n";
        return frontMatter.substring(0, opening) + line + frontMatter.substring(opening);
    }

    /** {@code originalPath}, if it can be an article's path; else empty, with a warning for the report. */
    public static Optional<String> keepable(String originalPath, List<String> warnings) {
        Optional<String> problem = ArticlePaths.problem(originalPath);
        problem.ifPresent(p -> warnings.add("its URL cannot be kept: " + p + "; it is published at its slug's address instead"));
        return problem.isEmpty() ? Optional.of(originalPath) : Optional.empty();
    }
}
