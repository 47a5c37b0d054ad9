package dev.newsroom.core.index;

import dev.newsroom.core.article.RelatedArticle;
import dev.newsroom.core.related.Candidate;
import dev.newsroom.core.related.Scored;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An article's "More articles" list as stored: each entry with its score and what the page shows of
 * it, plus what it takes to change the list without reading the article (its terms, pins and
 * exclusions).
 *
 * @param revision goes up by one with every change of the list; pages carry it, so an older list never
 *                 overwrites a newer one (B2)
 */
public record RelatedList(Candidate owner, List<String> pinned, Set<String> excluded, long revision, List<Item> items) {

    public record Item(Scored scored, RelatedArticle article) {
    }

    public RelatedList {
        pinned = List.copyOf(pinned);
        excluded = Set.copyOf(excluded);
        items = List.copyOf(items);
    }

    /** The path of the article whose list this is. */
    public String path() {
        return owner.path();
    }

    public List<Scored> scored() {
        return items.stream().map(Item::scored).toList();
    }

    public List<RelatedArticle> shown() {
        return items.stream().map(Item::article).toList();
    }

    public Optional<Scored> entry(String path) {
        return scored().stream().filter(s -> s.path().equals(path)).findFirst();
    }

    /** The next revision with these items and the owner's current terms and choices. */
    public RelatedList next(Candidate newOwner, List<String> newPinned, Set<String> newExcluded, List<Item> newItems) {
        return new RelatedList(newOwner, newPinned, newExcluded, revision + 1, newItems);
    }
}
