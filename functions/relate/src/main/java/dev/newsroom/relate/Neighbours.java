package dev.newsroom.relate;

import dev.newsroom.core.article.RelatedChoices;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.index.Postings;
import dev.newsroom.core.index.RelatedList;
import dev.newsroom.core.index.Window;
import dev.newsroom.core.related.Candidate;
import dev.newsroom.core.related.Ranking;
import dev.newsroom.core.related.TagFrequencies;
import java.util.ArrayList;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * plus its pins. Windows are symmetric, so the lists an article is a candidate for are those of the
 * articles in its own windows. The stream function and the full export both rank through here.
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
        Map<String, Candidate> candidates = entries.values().stream().collect(Collectors.toMap(Entry::path, Entry::candidate));
        return new Neighbours(postings, path -> Optional.ofNullable(entries.get(path)),
                entry -> candidates.get(entry.path()), ranking, window, Parallel.IN_PLACE);
    }

    /** The same, reading these postings: a batch's view of the index. */
    Neighbours over(Postings postings) {
        return new Neighbours(postings, published, candidates, ranking, window, parallel);
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
        return of(owner, pinned, windows(owner), frequencies.get());
    }

    /** The owner's candidates from its windows, already read, and its pins. */
    Neighbourhood of(Candidate owner, List<String> pinned, Map<ListingKey, Window> windows, TagFrequencies frequencies) {
        Map<String, Entry> entries = new HashMap<>();
        windows.values().forEach(w -> w.all().forEach(e -> entries.putIfAbsent(e.path(), e)));
        for (String pin : pinned) {
            if (!entries.containsKey(pin) && !pin.equals(owner.path())) {
                published.apply(pin).ifPresent(e -> entries.put(pin, e));
            }
        }
        return new Neighbourhood(entries, candidates, frequencies);
    }

    /** The article's window in each listing its candidates come from, all read at once. */
    Map<ListingKey, Window> windows(Candidate owner) {
        List<ListingKey> keys = listings(owner);
        List<Window> windows = parallel.map(keys, key -> around(key, owner.published(), owner.path()));
        Map<ListingKey, Window> byKey = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            byKey.put(keys.get(i), windows.get(i));
        }
        return byKey;
    }

    /** The window of a place in a listing: {@code window} articles on each side. */
    Window around(ListingKey key, Instant published, String path) {
        return postings.around(key, published, path, window);
    }

    int window() {
        return window;
    }

    /**
     * The listings candidates come from: the article's category, its author and each of its tags;
     * and for an article in a language other than the default, where those lists mix languages, its
     * language's home.
     */
    static List<ListingKey> listings(Candidate article) {
        List<ListingKey> keys = new ArrayList<>(List.of(ListingKey.category(article.category()), ListingKey.author(article.author())));
        article.tags().stream().sorted().map(ListingKey::tag).forEach(keys::add);
        article.lang().ifPresent(lang -> keys.add(ListingKey.home(article.lang())));
        return keys;
    }

    /** Ranks a list afresh from the owner's neighbourhood and pins. */
    List<RelatedList.Item> rank(Candidate owner, List<String> pinned, Set<String> excluded, Neighbourhood near) {
        return ranking.rank(owner, near.candidates(), near.frequencies(), pinned, excluded).stream()
                .map(s -> new RelatedList.Item(s, near.entries().get(s.path()).shown()))
                .toList();
    }
}
