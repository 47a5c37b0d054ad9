package dev.newsroom.core.related;

import java.util.Map;

/**
 * How many published articles carry each tag, out of how many: what makes a shared tag telling.
 * A tag on a few articles says a lot; a tag on a large share of them says almost nothing.
 */
public record TagFrequencies(long articles, Map<String, Long> tagged) {

    public TagFrequencies {
        tagged = Map.copyOf(tagged);
    }

    /** Inverse document frequency, smoothed: ln((N + 1) / (n + 1)) + 1, and 0 for tags over the share limit. */
    double weight(String tag, double maximumShare) {
        long n = tagged.getOrDefault(tag, 0L);
        if (articles > 0 && (double) n / articles > maximumShare) {
            return 0;
        }
        return Math.log((articles + 1.0) / (n + 1.0)) + 1.0;
    }
}
