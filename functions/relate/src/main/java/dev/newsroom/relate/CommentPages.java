package dev.newsroom.relate;

import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.discussion.Discussion;
import dev.newsroom.core.discussion.ShownComment;
import dev.newsroom.core.pages.ArticlePages;
import dev.newsroom.core.store.ArticleStore;
import dev.newsroom.core.store.DiscussionStore;
import dev.newsroom.core.store.RelatedListStore;
import dev.newsroom.core.store.SiteBucket;
import dev.newsroom.core.store.StreamRecord;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Puts approved comments into their articles' pages as the comments table's stream reports them:
 * each article a batch touches is rendered once, however many of its comments were approved,
 * edited out or deleted in it (a burst of approvals writes the page a few times, not once a
 * comment). Records that change nothing readers see (a pending comment, a spam verdict, an
 * erasure, which removes only what pages never show) render nothing. Each render corrects what it
 * reads of the article's approved comments with the batch's own changes, which are what it was
 * asked to show.
 */
final class CommentPages {

    /** How often a render that found a newer page of its article reads the article again and renders over it. */
    private static final int ATTEMPTS = 3;

    private final ArticleStore articles;
    private final RelatedListStore lists;
    private final DiscussionStore discussions;
    private final ArticlePages pages;
    private final MenusInForce menus;
    private final Parallel parallel;
    private final Clock clock;

    CommentPages(ArticleStore articles, RelatedListStore lists, DiscussionStore discussions, ArticlePages pages, MenusInForce menus,
                 Parallel parallel, Clock clock) {
        this.articles = articles;
        this.lists = lists;
        this.discussions = discussions;
        this.pages = pages;
        this.menus = menus;
        this.parallel = parallel;
        this.clock = clock;
    }

    static CommentPages of(Wiring wiring, Clock clock) {
        return new CommentPages(wiring.articles(), wiring.listStore(), wiring.discussions(), wiring.pages(), wiring.menus(),
                wiring.parallel(), clock);
    }

    /** What a batch did: pages written, and where to deliver it again from if an article's render failed. */
    record Result(int pages, Optional<RetryFrom> retry) {
    }

    Result apply(List<StreamRecord> batch) {
        menus.refresh();
        Map<String, Map<String, Optional<ShownComment>>> changed = new LinkedHashMap<>();
        Map<String, Integer> firstRecord = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            int index = i;
            ShownChange.of(batch.get(i)).ifPresent(change -> {
                changed.computeIfAbsent(change.path(), p -> new LinkedHashMap<>()).put(change.commentId(), change.after());
                firstRecord.putIfAbsent(change.path(), index);
            });
        }
        List<Result> done = parallel.map(changed.entrySet(), article -> {
            try {
                return new Result(render(article.getKey(), article.getValue()) ? 1 : 0, Optional.empty());
            } catch (RuntimeException e) {
                return new Result(0, Optional.of(RetryFrom.of(firstRecord.get(article.getKey()), e)));
            }
        });
        return new Result(done.stream().mapToInt(Result::pages).sum(), RetryFrom.earliest(done.stream().map(Result::retry).toList()));
    }

    /** Renders the article's page with its comments as they now are, and stores their count; returns whether it wrote the page. */
    private boolean render(String path, Map<String, Optional<ShownComment>> changed) {
        for (int attempt = 1; ; attempt++) {
            Optional<StoredArticle> stored = shownArticle(path);
            if (stored.isEmpty()) {
                return false; // no page shows comments: withdrawn, a draft, a static page, or never published
            }
            Discussion discussion = discussions.discussion(path, changed);
            SiteBucket.Outcome outcome = pages.rewrite(stored.get(), lists.related(path), discussion);
            // A newer page came meanwhile, from a render that may have read the comments before these changes.
            if (outcome != SiteBucket.Outcome.KEPT_NEWER || attempt == ATTEMPTS) {
                count(path, stored.get(), discussion.count());
                return outcome == SiteBucket.Outcome.WRITTEN;
            }
        }
    }

    private Optional<StoredArticle> shownArticle(String path) {
        return articles.find(path).filter(a -> a.status() == ArticleStatus.PUBLISHED && !a.article().metadata().page());
    }

    /**
     * Stores the article's count of approved comments, which its listings' teasers show, as a new
     * version of it, which the relate function lists again. Another writer's version meanwhile is
     * read again; if they keep winning, the batch fails, to be delivered again, rather than leave a
     * wrong count that nothing else would correct.
     */
    private void count(String path, StoredArticle read, int count) {
        StoredArticle stored = read;
        for (int attempt = 1; stored.comments() != count; attempt++) {
            if (articles.save(stored.withComments(count, clock.instant()))) {
                return;
            }
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException("article " + path + " kept changing under us; its comment count is retried with the batch");
            }
            Optional<StoredArticle> again = shownArticle(path);
            if (again.isEmpty()) {
                return;
            }
            stored = again.get();
        }
    }

    /**
     * What a record of the comments table's stream changes for readers: the comment, under its
     * article's path, as shown after it (empty: shown no more).
     */
    record ShownChange(String path, String commentId, Optional<ShownComment> after) {

        /** Empty when readers see no change, such as a comment held for moderation. */
        static Optional<ShownChange> of(StreamRecord record) {
            return record.read("a comment's", r -> {
                Optional<ShownComment> after = shown(r.newImage());
                return shown(r.oldImage()).equals(after) ? Optional.empty()
                        : Optional.of(new ShownChange(r.keys().get("slug").s(), r.keys().get("commentId").s(), after));
            });
        }
    }

    /** The comment a stream image shows readers, if it is approved. */
    private static Optional<ShownComment> shown(Map<String, AttributeValue> image) {
        if (image.isEmpty() || image.get("status") == null || !DiscussionStore.APPROVED.equals(image.get("status").s())) {
            return Optional.empty();
        }
        return Optional.of(DiscussionStore.shown(image));
    }
}
