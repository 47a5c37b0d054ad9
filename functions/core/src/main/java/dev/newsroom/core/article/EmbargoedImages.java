package dev.newsroom.core.article;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Which of the site's images are held back: an image that an embargoed article shows is not served
 * until the first article that shows it goes live, so that a guessed {@code /assets/...} address
 * tells nothing before the story does. Once a live article has shown an image it is out, and no
 * later embargo holds it again. Only an embargo holds: a draft's images are served as uploaded, as
 * every other asset is.
 */
public final class EmbargoedImages {

    private EmbargoedImages() {
    }

    /** Whether an article of this status holds back the images it shows. */
    public static boolean holds(ArticleStatus status) {
        return status == ArticleStatus.SCHEDULED;
    }

    /**
     * Of the images the articles show, those held back now. Without the site's history, an expired
     * article counts as one that was live, as it was unless it was uploaded already past its expiry.
     */
    public static Set<String> held(Collection<Article> articles, Function<Article, ArticleStatus> statusOf) {
        Set<String> held = new HashSet<>();
        Set<String> out = new HashSet<>();
        articles.forEach(article -> {
            ArticleStatus status = statusOf.apply(article);
            Set<String> shown = article.siteImages();
            if (holds(status)) {
                held.addAll(shown);
            } else if (status == ArticleStatus.PUBLISHED || status == ArticleStatus.EXPIRED) {
                out.addAll(shown);
            }
        });
        held.removeAll(out);
        return held;
    }
}
