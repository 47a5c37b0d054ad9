package dev.newsroom.relate;

import dev.newsroom.core.article.RelatedChoices;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.index.Postings;
import dev.newsroom.core.index.RelatedList;
import dev.newsroom.core.related.Candidate;
import dev.newsroom.core.related.Ranking;
import dev.newsroom.core.related.TagFrequencies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Finds an article's candidates and ranks its list: the articles nearest in time, up to
 * {@code window} on each side, in each of its listings (its category, its author and each tag),
 * plus its pins. The stream function and the full export both rank through here.
 */
final class Neighbours {

    private final Postings postings;
    private final Function<String, Optional<Entry>> published;
    private final Function<Entry, Candidate> candidates;
    private final Ranking ranking;
    private final int window;
    private final Parallel parallel;

    /**
     * @param published  looks up a pinned article that shares no listing with the owner
     * @param candidates what ranking needs of an entry
     * @param parallel   reads the owner's listings, and how common its tags are, at once
     */
    Neighbours(Postings postings, Function<String, Optional<Entry>> published, Function<Entry, Candidate> candidates,
               Ranking ranking, int window, Parallel parallel) {
        this.postings = postings;
        this.published = published;
        this.candidates = candidates;
        this.ranking = ranking;
        this.window = window;
        this.parallel = parallel;
    }

    /** Over a live site: each entry's candidate is made when it is met. */
    Neighbours(Postings postings, Function<String, Optional<Entry>> published, Ranking ranking, int window, Parallel parallel) {
        this(postings, published, Entry::candidate, ranking, window, parallel);
    }

    /**
     * Over a whole site held in memory, as a full export or rebuild ranks it. Each article is met
     * in about a hundred neighbourhoods, so its candidate is made once, up front.
     */
    static Neighbours of(MemoryPostings postings, Map<String, Entry> entries, Ranking ranking, int window) {
        Map<String, Candidate> candidates = entries.values().stream().collect(Collectors.toMap(Entry::slug, Entry::candidate));
        return new Neighbours(postings, slug -> Optional.ofNullable(entries.get(slug)),
                entry -> candidates.get(entry.slug()), ranking, window, Parallel.IN_PLACE);
    }

    Ranking ranking() {
        return ranking;
    }

    /** An article's list ranked afresh, with its editor's pins and exclusions. */
    List<RelatedList.Item> rank(Entry entry, RelatedChoices choices) {
        Candidate owner = candidates.apply(entry);
        return rank(owner, choices.pinned(), choices.excluded(), of(owner, choices.pinned()));
    }

    Neighbourhood of(Candidate owner, List<String> pinned) {
        Supplier<TagFrequencies> frequencies = parallel.start(() -> postings.frequencies(owner.tags()));
        Map<String, Entry> entries = new HashMap<>();
        List<ListingKey> keys = new ArrayList<>(List.of(ListingKey.category(owner.category()), ListingKey.author(owner.author())));
        owner.tags().stream().sorted().map(ListingKey::tag).forEach(keys::add);
        for (List<Entry> around : parallel.map(keys, key -> postings.around(key, owner.published(), window))) {
            around.forEach(e -> entries.putIfAbsent(e.slug(), e));
        }
        for (String pin : pinned) {
            if (!entries.containsKey(pin) && !pin.equals(owner.slug())) {
                published.apply(pin).ifPresent(e -> entries.put(pin, e));
            }
        }
        entries.remove(owner.slug());
        return new Neighbourhood(entries, candidates, frequencies.get());
    }

    /** Ranks a list afresh from the owner's neighbourhood and pins. */
    List<RelatedList.Item> rank(Candidate owner, List<String> pinned, Set<String> excluded, Neighbourhood near) {
        return ranking.rank(owner, near.candidates(), near.frequencies(), pinned, excluded).stream()
                .map(s -> new RelatedList.Item(s, near.entries().get(s.slug()).shown()))
                .toList();
    }
}
