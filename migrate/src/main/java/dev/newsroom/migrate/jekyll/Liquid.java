package dev.newsroom.migrate.jekyll;

import dev.newsroom.migrate.Patterns;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Liquid a Jekyll post's body holds, resolved the way Jekyll would at build time, so readers
 * never see a tag's delimiters: {@code raw} blocks as their text, {@code highlight} as a fenced code
 * block, {@code post_url} and {@code link} as the target's path, {@code site.baseurl} and
 * {@code site.url} as nothing (Newsroom serves from the root), and quoted paths through
 * {@code relative_url} or {@code absolute_url} as the path. Anything else ({@code include}, loops,
 * other variables) is left out and reported. Pure.
 */
final class Liquid {

    private static final Pattern RAW = Pattern.compile("\\{%-?\\s*raw\\s*-?%}(.*?)\\{%-?\\s*endraw\\s*-?%}", Pattern.DOTALL);
    private static final Pattern HIGHLIGHT = Pattern.compile(
            "\\{%-?\\s*highlight\\s+([A-Za-z0-9_+#-]+)[^%]*%}\\n?(.*?)\\n?\\{%-?\\s*endhighlight\\s*-?%}", Pattern.DOTALL);
    private static final Pattern POST_URL = Pattern.compile("\\{%-?\\s*(post_url|link)\\s+([^\\s%]+)\\s*-?%}");
    private static final Pattern SITE_ROOT = Pattern.compile("\\{\\{-?\\s*site\\.(?:baseurl|url)\\s*-?}}");
    private static final Pattern URL_FILTER = Pattern.compile("\\{\\{-?\\s*[\"']([^\"']*)[\"']\\s*\\|\\s*(?:relative_url|absolute_url)\\s*-?}}");
    private static final Pattern ANY_TAG = Pattern.compile("\\{%.*?%}|\\{\\{.*?}}", Pattern.DOTALL);
    private static final Pattern PROTECTED = Pattern.compile("\u0000(\\d+)\u0000");

    /** A body with its Liquid resolved, and a warning for each tag left out. */
    record Resolved(String body, List<String> warnings) {
    }

    private Liquid() {
    }

    /** @param postPath the path of the post a {@code post_url} names ({@code 2024-05-01-trams}), if it is one of the site's */
    static Resolved resolve(String body, Function<String, Optional<String>> postPath) {
        List<String> kept = new java.util.ArrayList<>();
        List<String> warnings = new java.util.ArrayList<>();
        // Raw text and code are Liquid-free by definition: set aside first, put back last.
        String text = Patterns.replace(RAW, body, m -> keep(kept, m.group(1)));
        text = Patterns.replace(HIGHLIGHT, text, m -> keep(kept, "```" + m.group(1) + "\n" + m.group(2) + "\n```"));
        text = Patterns.replace(POST_URL, text, m -> {
            Optional<String> path = postPath.apply(m.group(2).replaceAll("\\.(md|markdown|html)$", "").replaceAll(".*/", ""));
            if (path.isEmpty()) {
                warnings.add("{% " + m.group(1) + " " + m.group(2) + " %} names no post of the site: it links to the page itself");
            }
            return path.orElse("#");
        });
        text = SITE_ROOT.matcher(text).replaceAll("");
        text = Patterns.replace(URL_FILTER, text, m -> m.group(1));
        text = Patterns.replace(ANY_TAG, text, m -> {
            warnings.add(m.group().replaceAll("\\s+", " ") + " is Liquid that Newsroom does not run: it is left out");
            return "";
        });
        String restored = Patterns.replace(PROTECTED, text, m -> kept.get(Integer.parseInt(m.group(1))));
        return new Resolved(restored, warnings);
    }

    private static String keep(List<String> kept, String text) {
        kept.add(text);
        return "\u0000" + (kept.size() - 1) + "\u0000";
    }
}
