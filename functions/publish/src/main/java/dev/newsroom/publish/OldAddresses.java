package dev.newsroom.publish;

import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.Problem;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.site.OldUrls;
import dev.newsroom.core.store.ArticleStore;
import dev.newsroom.core.store.RedirectStore;
import dev.newsroom.core.store.RedirectStore.Kind;
import dev.newsroom.core.store.RedirectStore.Redirect;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps an article's old addresses in the redirects table in step with its upload, so every one
 * answers 301 with where the article is now. The rules:
 * <ul>
 *   <li>an address with a page never redirects: an article published at an old address takes it over;</li>
 *   <li>an alias is one article's: an alias another article holds, or an address another article is
 *       at, is left out with a warning in the editor's report;</li>
 *   <li>an article whose {@code url} changes leaves a redirect at its old path, and takes the
 *       redirects that led there along, so no old address answers with a chain;</li>
 *   <li>a withdrawn article (deleted, or back to draft) takes its redirects with it;</li>
 *   <li>the site configuration's redirects come after all of these: they take only addresses that
 *       are no article's and none of an article's old addresses.</li>
 * </ul>
 * Every step is safe to repeat, so a retried event converges.
 */
final class OldAddresses {

    private final RedirectStore redirects;
    private final ArticleStore articles;
    private final Parallel parallel;

    /** @param parallel how a configuration's redirects are written, several at once */
    OldAddresses(RedirectStore redirects, ArticleStore articles, Parallel parallel) {
        this.redirects = redirects;
        this.articles = articles;
        this.parallel = parallel;
    }

    /**
     * Brings the redirects to a published article in step with its aliases, and with the path its
     * file published before if that was another; returns what the editor should be told.
     */
    List<Problem> published(StoredArticle article, List<String> aliases, Optional<String> previousPath) {
        String path = article.path();
        List<Problem> warnings = new ArrayList<>();
        for (String address : OldUrls.addressesOf(path)) {
            redirects.find(address).filter(old -> !old.to().equals(path)).ifPresent(old -> {
                redirects.release(address, old.to());
                if (old.kind() == Kind.ALIAS) {
                    warnings.add(new Problem("url", "'" + address + "' was an alias of " + old.to() + "; this article answers there now"));
                }
            });
        }
        previousPath.filter(old -> !old.equals(path)).filter(old -> movedFrom(old, article.sourceKey())).ifPresent(old -> {
            redirects.to(old).forEach(r -> redirects.put(new Redirect(r.from(), path, r.kind())));
            redirects.put(new Redirect(old, path, Kind.MOVED));
        });
        // A folder alias comes as two keys, with and without its slash: the editor hears about it once.
        Set<String> refused = new HashSet<>();
        for (String alias : aliases) {
            String folder = alias.endsWith("/") ? alias : alias + "/";
            Optional<StoredArticle> there = articles.find(alias).or(() -> alias.equals(folder) ? Optional.empty() : articles.find(folder))
                    .filter(a -> a.status() != ArticleStatus.UNPUBLISHED);
            if (there.isPresent()) {
                if (refused.add(folder)) {
                    warnings.add(new Problem("aliases", "'" + alias + "' is the address of " + there.get().sourceKey() + "; left out"));
                }
            } else if (!redirects.claimAlias(alias, path) && refused.add(folder)) {
                warnings.add(new Problem("aliases", "'" + alias + "' is already an alias of "
                        + redirects.find(alias).map(Redirect::to).orElse("another article") + "; left out"));
            }
        }
        redirects.to(path).stream().filter(r -> r.kind() == Kind.ALIAS && !aliases.contains(r.from()))
                .forEach(r -> redirects.release(r.from(), path));
        return warnings;
    }

    /**
     * Brings the site configuration's redirects from {@code before} to {@code after}: those it no
     * longer names go, the others are put where no article is and no article's redirect is; returns
     * the addresses left out for that, for the editor. An article published meanwhile at one of them
     * takes it (its publishing releases what leads elsewhere); one stored just before the claim is
     * found by the second look and keeps its address.
     */
    List<Problem> configured(Map<String, String> before, Map<String, String> after) {
        parallel.each(List.copyOf(before.keySet()), from -> {
            if (!before.get(from).equals(after.get(from))) {
                redirects.releaseForSite(from);
            }
        });
        List<Problem> leftOut = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, StoredArticle> there = articlesAt(after.keySet());
        parallel.each(List.copyOf(after.keySet()), from -> {
            Optional<StoredArticle> article = pageAt(from, there);
            if (article.isPresent()) {
                leftOut.add(new Problem("redirects['" + from + "']", "is the address of " + article.get().sourceKey() + "; left out"));
            } else if (!redirects.claimForSite(from, after.get(from))) {
                leftOut.add(new Problem("redirects['" + from + "']", "is an old address of "
                        + redirects.find(from).map(Redirect::to).orElse("an article") + ", which comes first; left out"));
            }
        });
        Map<String, StoredArticle> since = articlesAt(after.keySet());
        after.keySet().stream().filter(from -> pageAt(from, there).isEmpty() && pageAt(from, since).isPresent())
                .forEach(redirects::releaseForSite);
        leftOut.sort(java.util.Comparator.comparing(Problem::field));
        return leftOut;
    }

    /** The articles at these addresses, or at their folder form ({@code /x/} for {@code /x}), which answers there too. */
    private Map<String, StoredArticle> articlesAt(java.util.Collection<String> addresses) {
        Set<String> paths = new HashSet<>();
        addresses.forEach(address -> {
            paths.add(address);
            if (!address.endsWith("/")) {
                paths.add(address + "/");
            }
        });
        return articles.find(paths);
    }

    private static Optional<StoredArticle> pageAt(String address, Map<String, StoredArticle> articles) {
        return java.util.stream.Stream.of(address, address + "/").map(articles::get).filter(java.util.Objects::nonNull)
                .filter(a -> a.status() != ArticleStatus.UNPUBLISHED).findFirst();
    }

    /**
     * Removes every redirect to an article that is no longer public; the site configuration's stay,
     * as the editor wrote them.
     */
    void withdrawn(String path) {
        redirects.to(path).stream().filter(r -> r.kind() != Kind.SITE).forEach(r -> redirects.release(r.from(), path));
    }

    /** True if the article at {@code old} was this file's, so its readers should follow it. */
    private boolean movedFrom(String old, String sourceKey) {
        return articles.find(old).map(a -> a.sourceKey().equals(sourceKey)).orElse(true);
    }
}
