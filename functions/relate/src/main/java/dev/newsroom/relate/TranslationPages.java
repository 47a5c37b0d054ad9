package dev.newsroom.relate;

import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.article.Translation;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.pages.ArticlePages;
import dev.newsroom.core.store.ArticleStore;
import dev.newsroom.core.store.RelatedListStore;
import dev.newsroom.core.store.SiteBucket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the {@code hreflang} alternates of an article's language versions current: where a version
 * appears, leaves, or moves, the pages of every published version of it are rendered again, the
 * changed one's too, since the publish function rendered it before the others could know of it.
 * The versions are read from the articles table's {@code translations} index and corrected by
 * the batch's own changes, which the index may not show yet.
 */
final class TranslationPages {

    private final ArticleStore articles;
    private final RelatedListStore lists;
    private final ArticlePages pages;
    private final Parallel parallel;

    TranslationPages(ArticleStore articles, RelatedListStore lists, ArticlePages pages, Parallel parallel) {
        this.articles = articles;
        this.lists = lists;
        this.pages = pages;
        this.parallel = parallel;
    }

    Relater.Outcome update(List<BatchChange> changes) {
        Map<String, Integer> firstRecord = new LinkedHashMap<>();
        for (BatchChange batched : changes) {
            batched.change().translationKeysChanged().forEach(key -> firstRecord.merge(key, batched.first(), Math::min));
        }
        List<Relater.Outcome> done = parallel.map(firstRecord.entrySet(), key -> {
            try {
                return new Relater.Outcome(0, rewrite(key.getKey(), changes), 0, Optional.empty());
            } catch (RuntimeException e) {
                return new Relater.Outcome(0, 0, 0, Optional.of(RetryFrom.of(key.getValue(), e)));
            }
        });
        return new Relater.Outcome(0, done.stream().mapToInt(Relater.Outcome::pages).sum(), 0,
                RetryFrom.earliest(done.stream().map(Relater.Outcome::retry).toList()));
    }

    /** Renders every published version of one article again; returns how many pages were written. */
    private int rewrite(String translationKey, List<BatchChange> changes) {
        Map<String, Translation> versions = new LinkedHashMap<>();
        articles.translations(translationKey).forEach(t -> versions.put(t.path(), t));
        Set<String> arrived = new HashSet<>();
        for (BatchChange batched : changes) {
            ArticleChange change = batched.change();
            change.before().flatMap(ArticleChange::version).filter(v -> v.key().equals(translationKey))
                    .ifPresent(v -> versions.remove(v.translation().path()));
            change.after().flatMap(ArticleChange::version).filter(v -> v.key().equals(translationKey)).ifPresent(v -> {
                versions.put(v.translation().path(), v.translation());
                arrived.add(v.translation().path());
            });
        }
        if (versions.size() == 1 && arrived.containsAll(versions.keySet())) {
            return 0; // an article with no other version, whose page the publish function has just written as it stands
        }
        List<Translation> all = List.copyOf(versions.values());
        List<StoredArticle> stored = new ArrayList<>(articles.find(versions.keySet()).values());
        stored.removeIf(a -> a.status() != ArticleStatus.PUBLISHED);
        List<SiteBucket.Outcome> written = parallel.map(stored, article ->
                pages.rewrite(article, lists.related(article.path()), all));
        return (int) written.stream().filter(outcome -> outcome == SiteBucket.Outcome.WRITTEN).count();
    }
}
