package dev.newsroom.core.pages;

import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.article.Translation;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.index.RelatedList;
import dev.newsroom.core.render.PageRenderer;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.discussion.Discussion;
import dev.newsroom.core.store.ArticleStore;
import dev.newsroom.core.store.DiscussionStore;
import dev.newsroom.core.store.PageVersion;
import dev.newsroom.core.store.SiteBucket;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Projects an article item, its related list, its translations and its approved comments onto the
 * article's page. The publish function writes it when the article changes, and the relate function
 * when its list, its translations or its comments do; the page carries the article's and the list's
 * versions, so whichever render is older never replaces the other (B2). Every render reads the
 * comments as they are then, so none leaves out a comment approved before it.
 */
public final class ArticlePages {

    private final PageRenderer pages;
    private final SiteBucket site;
    private final ArticleStore articles;
    private final DiscussionStore discussions;
    private final Parallel parallel;
    /** Whether this instance has made sure the assets its pages refer to are there; guarded by this. */
    private boolean assetsChecked;

    /**
     * @param articles    where an article's translations are found
     * @param discussions where its approved comments are
     */
    public ArticlePages(PageRenderer pages, SiteBucket site, ArticleStore articles, DiscussionStore discussions, Parallel parallel) {
        this.pages = pages;
        this.site = site;
        this.articles = articles;
        this.discussions = discussions;
        this.parallel = parallel;
    }

    /** Writes the article, or a tombstone where a page was but may no longer be; renders nothing if the page is current. */
    public SiteBucket.Outcome write(StoredArticle stored, Optional<RelatedList> related) {
        return write(stored, related, () -> discussions.discussion(stored.path()));
    }

    /** As {@link #write(StoredArticle, Optional)}, with the article's comments as the caller has just read them. */
    public SiteBucket.Outcome write(StoredArticle stored, Optional<RelatedList> related, Discussion discussion) {
        return write(stored, related, () -> discussion);
    }

    private SiteBucket.Outcome write(StoredArticle stored, Optional<RelatedList> related, Supplier<Discussion> discussion) {
        // The page is read while the assets it refers to are checked.
        Supplier<Optional<SiteBucket.Page>> page = parallel.start(() -> site.page(SiteLayout.articleKey(stored.path())));
        if (stored.status() == ArticleStatus.PUBLISHED) {
            ensureAssets();
        }
        return write(stored, related, page.get(), discussion);
    }

    /** As {@link #write(StoredArticle, Optional)}, from the page as just read. */
    public SiteBucket.Outcome write(StoredArticle stored, Optional<RelatedList> related, Optional<SiteBucket.Page> page) {
        return write(stored, related, page, () -> discussions.discussion(stored.path()));
    }

    private SiteBucket.Outcome write(StoredArticle stored, Optional<RelatedList> related, Optional<SiteBucket.Page> page,
                                     Supplier<Discussion> discussion) {
        String key = SiteLayout.articleKey(stored.path());
        PageVersion version = new PageVersion(stored.version(), related.map(RelatedList::revision).orElse(0L));
        if (stored.status() == ArticleStatus.PUBLISHED) {
            ensureAssets();
            return site.writePage(key, () -> render(stored, related, translations(stored), discussion), version, page);
        }
        // A tombstone only replaces a page: an article never published needs none.
        return page.isPresent() ? site.writePage(key, pages::gone, version, page) : SiteBucket.Outcome.UNCHANGED;
    }

    /** A published article's page with its list and its translations as stored, or a static page, rendered and not written. */
    public String render(StoredArticle stored, Optional<RelatedList> related) {
        return render(stored, related, translations(stored), () -> discussions.discussion(stored.path()));
    }

    /** The article's published versions in the site's languages, as the articles table's index has them. */
    private List<Translation> translations(StoredArticle stored) {
        return stored.article().metadata().translationKey().map(articles::translations).orElse(List.of());
    }

    private String render(StoredArticle stored, Optional<RelatedList> related, List<Translation> translations,
                          Supplier<Discussion> discussion) {
        return stored.article().metadata().page() ? pages.page(stored.article(), translations)
                : pages.article(stored.article(), related.map(RelatedList::shown).orElse(List.of()), translations, discussion.get());
    }

    /** Renders a published article's page again even if it is current, unless a newer one is there: a full rebuild. */
    public SiteBucket.Outcome rewrite(StoredArticle stored, Optional<RelatedList> related) {
        return rewrite(stored, related, translations(stored));
    }

    /**
     * The same, with the article's translations as the caller knows them: the relate function knows
     * its batch's changes before the index it would read them from does.
     */
    public SiteBucket.Outcome rewrite(StoredArticle stored, Optional<RelatedList> related, List<Translation> translations) {
        return rewrite(stored, related, translations, () -> discussions.discussion(stored.path()));
    }

    /**
     * The same, with the comments as the caller knows them: the comments' stream knows its batch's
     * approvals before the index it would read them from does. Written over a page of the same
     * version too, if the comments make it differ.
     */
    public SiteBucket.Outcome rewrite(StoredArticle stored, Optional<RelatedList> related, Discussion discussion) {
        return rewrite(stored, related, translations(stored), () -> discussion);
    }

    private SiteBucket.Outcome rewrite(StoredArticle stored, Optional<RelatedList> related, List<Translation> translations,
                                       Supplier<Discussion> discussion) {
        PageVersion version = new PageVersion(stored.version(), related.map(RelatedList::revision).orElse(0L));
        ensureAssets();
        return site.rewrite(SiteLayout.articleKey(stored.path()), render(stored, related, translations, discussion),
                SiteBucket.HTML_TYPE, version);
    }

    /** Once per instance; pages written at once wait for the first to check rather than each checking. */
    private synchronized void ensureAssets() {
        if (!assetsChecked) {
            var script = PageRenderer.COMMENTS_SCRIPT;
            site.ensureAsset(SiteLayout.objectKey(script.path()), script.content(), script.contentType());
            assetsChecked = true;
        }
    }
}
