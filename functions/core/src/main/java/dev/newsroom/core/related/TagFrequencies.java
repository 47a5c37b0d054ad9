package dev.newsroom.core.related;

import java.util.Map;

/**
 * How many published articles carry each tag: what makes a shared tag telling. A tag on a few
 * articles says a lot; a tag on many says little.
 *
 * <p>Rarity comes in coarse bands of the tag's own count, never from the size of the site, so a new
 * article changes no score in lists that do not share its tags, and a tag's weight changes only when
 * its count crosses a band: then every list of an article carrying it is ranked again.
 */
public record TagFrequencies(Map<String, Long> tagged) {

    /** Counts of 1,024 or more: a weight that never changes again. */
    private static final int LAST_BAND = 5;

    public TagFrequencies {
        tagged = Map.copyOf(tagged);
    }

    /**
     * The band of a tag on {@code n} articles: ⌊log₄ n⌋, at most 5 (1 article: band 0; 4 to 15: 1;
     * 16 to 63: 2; 64 to 255: 3; 256 to 1,023: 4; 1,024 or more: 5).
     */
    public static int band(long n) {
        int band = 0;
        for (long rest = n; rest >= 4 && band < LAST_BAND; rest /= 4) {
            band++;
        }
        return band;
    }

    /** 1 + ln(1024 / 4^band): from 7.93 for a tag on one article down to 1 for a tag on a thousand or more. */
    double weight(String tag) {
        return 1 + (LAST_BAND - band(tagged.getOrDefault(tag, 0L))) * Math.log(4);
    }
}
