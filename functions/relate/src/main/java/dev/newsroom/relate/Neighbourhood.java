package dev.newsroom.relate;

import dev.newsroom.core.index.Entry;
import dev.newsroom.core.related.Candidate;
import dev.newsroom.core.related.TagFrequencies;
import java.util.Collection;
import java.util.Map;

/** An article's candidates, found through its listings, and how common its tags are. */
record Neighbourhood(Map<String, Entry> entries, TagFrequencies frequencies) {

    Neighbourhood {
        entries = Map.copyOf(entries);
    }

    Collection<Candidate> candidates() {
        return entries.values().stream().map(Entry::candidate).toList();
    }
}
