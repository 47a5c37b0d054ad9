package dev.newsroom.core.related;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What ranking needs to know about an article: its keys, when it was published, its terms, and its
 * language where that is not the site's default. Only articles in one language relate.
 */
public record Candidate(String path, Instant published, String category, String author, Set<String> tags,
                        Optional<String> lang) {

    public Candidate {
        tags = Set.copyOf(tags);
    }
}
