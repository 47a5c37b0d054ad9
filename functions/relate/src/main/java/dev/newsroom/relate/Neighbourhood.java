package dev.newsroom.relate;

import dev.newsroom.core.index.Entry;
import dev.newsroom.core.related.Candidate;
import dev.newsroom.core.related.TagFrequencies;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** An article's candidates, found through its listings, and how common its tags are. */
record Neighbourhood(Map<String, Entry> entries, List<Candidate> candidates, TagFrequencies frequencies) {

    Neighbourhood(Map<String, Entry> entries, Function<Entry, Candidate> candidates, TagFrequencies frequencies) {
        this(Map.copyOf(entries), entries.values().stream().map(candidates).toList(), frequencies);
    }
}
