package dev.newsroom.core.related;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One entry of a related list, with why it is there: the score and its parts, kept with the list
 * for explanation and debugging.
 *
 * @param pinned     placed by the editor, ahead of every scored entry
 * @param published  when the entry's article was published: newer wins a tie
 * @param sharedTags the tags it shares with the article
 */
public record Scored(String path, Instant published, double score, boolean pinned, List<String> sharedTags,
                     double tagScore, double categoryScore, double authorScore, double closenessScore) {

    /** Higher scores first; ties break by the newer article, then by path. */
    public static final Comparator<Scored> ORDER = Comparator.comparingDouble(Scored::score).reversed()
            .thenComparing(Scored::published, Comparator.reverseOrder())
            .thenComparing(Scored::path);

    public Scored {
        sharedTags = List.copyOf(sharedTags);
    }

    /** Whether anything but closeness in time relates it: closeness alone relates nothing. */
    public boolean related() {
        return tagScore + categoryScore + authorScore > 0;
    }

    Scored asPinned() {
        return new Scored(path, published, score, true, sharedTags, tagScore, categoryScore, authorScore, closenessScore);
    }
}
