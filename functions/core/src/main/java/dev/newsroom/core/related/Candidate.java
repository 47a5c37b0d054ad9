package dev.newsroom.core.related;

import java.time.Instant;
import java.util.Set;

/** What ranking needs to know about an article: its keys, when it was published, and its terms. */
public record Candidate(String path, Instant published, String category, String author, Set<String> tags) {

    public Candidate {
        tags = Set.copyOf(tags);
    }
}
