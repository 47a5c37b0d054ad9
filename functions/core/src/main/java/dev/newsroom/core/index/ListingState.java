package dev.newsroom.core.index;

import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * What the index knows of one listing as a whole.
 *
 * @param revision goes up with every change to the listing; its pages carry it (B2)
 * @param count    how many published articles are in it: the tag frequencies for ranking
 * @param archives the archive pages that have articles
 */
public record ListingState(ListingKey key, long revision, long count, NavigableSet<Archive> archives) {

    public ListingState {
        archives = new TreeSet<>(archives);
    }

    public static ListingState empty(ListingKey key) {
        return new ListingState(key, 0, 0, new TreeSet<>());
    }
}
