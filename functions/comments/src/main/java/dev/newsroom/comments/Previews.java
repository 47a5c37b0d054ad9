package dev.newsroom.comments;

import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.discussion.Discussion;
import dev.newsroom.core.render.PageRenderer;
import dev.newsroom.core.store.ArticleStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An article's page rendered on demand for the desk's staff, whatever its status: a draft, or a
 * withdrawn article, as it would read. It is answered only to a signed-in member of staff, as JSON
 * that is never cached, and is never a page in the site's bucket, so nothing indexes it.
 */
final class Previews {

    private final ArticleStore articles;
    private final PageRenderer pages;

    Previews(ArticleStore articles, PageRenderer pages) {
        this.articles = articles;
        this.pages = pages;
    }

    /** The article at {@code address} (its path, or its address on the site): its status, title and page. */
    Map<String, Object> of(String address, String siteOrigin) {
        StoredArticle stored = articles.find(ArticleAddress.path(address, siteOrigin, "path")).orElseThrow(() -> ApiError.of(ErrorKind.ARTICLE_NOT_FOUND));
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("path", stored.path());
        preview.put("status", stored.status().value());
        preview.put("title", stored.article().metadata().title());
        preview.put("html", pages.article(stored.article(), List.of(), List.of(), Discussion.NONE));
        return preview;
    }
}
