package dev.newsroom.core.related;

import java.util.List;

/**
 * One entry of a related list, with why it is there: the score and its parts, kept with the list
 * for explanation and debugging.
 *
 * @param pinned     placed by the editor, ahead of every scored entry
 * @param sharedTags the tags it shares with the article
 */
public record Scored(String slug, double score, boolean pinned, List<String> sharedTags, double tagScore,
                     double categoryScore, double authorScore, double closenessScore) {
}
