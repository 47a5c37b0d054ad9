package dev.newsroom.core.article;

import java.util.List;
import java.util.Set;

/** What an editor decided about an article's "More articles" list: articles to pin first, in order, and to leave out. */
public record RelatedChoices(List<String> pinned, Set<String> excluded) {

    public static final RelatedChoices NONE = new RelatedChoices(List.of(), Set.of());

    public RelatedChoices {
        pinned = List.copyOf(pinned);
        excluded = Set.copyOf(excluded);
    }
}
