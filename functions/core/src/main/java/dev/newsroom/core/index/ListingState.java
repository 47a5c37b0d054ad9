package dev.newsroom.core.index;

import dev.newsroom.core.related.TagFrequencies;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * What the index knows of one listing as a whole.
 *
 * @param revision goes up with every change to the listing; its pages carry it (B2)
 * @param count    how many published articles are in it: the tag frequencies for ranking
 * @param archives the archive pages that have articles
 * @param rankedBand for a tag, the {@linkplain TagFrequencies#band rarity band} that the
 *                   lists of its articles were last ranked with; -1 if none is recorded
 */
public record ListingState(ListingKey key, long revision, long count, NavigableSet<Archive> archives, int rankedBand) {

    public ListingState {
        archives = new TreeSet<>(archives);
    }

    /**
     * Whether the tag's count has left the band its articles' lists were ranked with. An unrecorded
     * band has not: the lists of a tag new to the index are all being ranked anyway.
     */
    public boolean bandChanged() {
        return rankedBand >= 0 && rankedBand != TagFrequencies.band(count);
    }

    /** Whether the band to record differs from the one recorded, or none is. */
    public boolean bandToRecord() {
        return rankedBand != TagFrequencies.band(count);
    }

    public static ListingState empty(ListingKey key) {
        return new ListingState(key, 0, 0, new TreeSet<>(), -1);
    }
}
