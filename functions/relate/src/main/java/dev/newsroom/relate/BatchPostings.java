package dev.newsroom.relate;

import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.index.Archive;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.index.ListingState;
import dev.newsroom.core.index.Postings;
import dev.newsroom.core.index.Window;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index as one batch reads it, once the batch's postings are in. Each listing the batch
 * changed has its state read once, and is read whole, in one query, where that is cheaper than
 * finding windows in it one at a time. Two or more changes near each other in a listing have the
 * lists around them ranked afresh, each from its windows: a bulk upload would read thousands of
 * windows, where reading the listing once costs one query. A lone change in a long listing reads
 * only its own window there, and so does not read the listing whole. Everything else is read through
 * to the index.
 *
 * <p>What is held is as current as the batch's own writes, which is all a batch needs: a listing's
 * state is read before its entries, so a page rendered from them never carries a revision newer
 * than what it shows (B2), and another shard's change to the listing reaches its own batch.
 */
final class BatchPostings implements Postings {

    /** Entries worth reading whole per change in the listing: about what the windows of the lists one change reaches hold. */
    static final int WHOLE_PER_CHANGE = 200;
    /** A listing this short is read whole for any change: one query, where its window, index page and archive page take four or more. */
    static final int SHORT_LISTING = 50;

    private final Postings index;
    private final Map<ListingKey, ListingState> states;
    private final MemoryPostings held;

    private BatchPostings(Postings index, Map<ListingKey, ListingState> states, MemoryPostings held) {
        this.index = index;
        this.states = states;
        this.held = held;
    }

    /**
     * Reads the states of the listings a batch changed, and whole those with two or more of its
     * changes and at most {@link #WHOLE_PER_CHANGE} entries for each, and any {@linkplain #SHORT_LISTING short} one.
     *
     * @param changes how many of the batch's articles arrived in or left each listing
     */
    static BatchPostings read(Postings index, Map<ListingKey, Integer> changes, ZoneId zone, Parallel parallel) {
        Map<ListingKey, ListingState> states = index.states(changes.keySet());
        List<ListingKey> whole = changes.entrySet().stream()
                .filter(c -> readWhole(states.get(c.getKey()).count(), c.getValue()))
                .map(Map.Entry::getKey).toList();
        List<List<Entry>> entries = parallel.map(whole, key -> index.newest(key, Integer.MAX_VALUE));
        Map<ListingKey, List<Entry>> listings = new LinkedHashMap<>();
        for (int i = 0; i < whole.size(); i++) {
            listings.put(whole.get(i), entries.get(i));
        }
        return new BatchPostings(index, states, new MemoryPostings(listings, zone));
    }

    private static boolean readWhole(long entries, int changes) {
        return entries <= SHORT_LISTING || changes >= 2 && entries <= (long) WHOLE_PER_CHANGE * changes;
    }

    /** The listings the batch's changed articles were or are in, with how many of them each. */
    static Map<ListingKey, Integer> changedListings(Collection<BatchChange> changes) {
        Map<ListingKey, Integer> counts = new HashMap<>();
        changes.forEach(batched -> batched.change().listings().forEach(key -> counts.merge(key, 1, Integer::sum)));
        return counts;
    }

    @Override
    public List<Entry> newest(ListingKey key, int limit) {
        return held.keys().contains(key) ? held.newest(key, limit) : index.newest(key, limit);
    }

    @Override
    public Window around(ListingKey key, Instant published, String path, int each) {
        return held.keys().contains(key) ? held.around(key, published, path, each) : index.around(key, published, path, each);
    }

    @Override
    public List<Entry> archive(ListingKey key, Archive archive) {
        return held.keys().contains(key) ? held.archive(key, archive) : index.archive(key, archive);
    }

    @Override
    public List<Entry> since(ListingKey key, Instant from) {
        return held.keys().contains(key) ? held.since(key, from) : index.since(key, from);
    }

    @Override
    public Map<ListingKey, ListingState> states(Collection<ListingKey> keys) {
        List<ListingKey> unknown = keys.stream().filter(key -> !states.containsKey(key)).toList();
        Map<ListingKey, ListingState> read = unknown.isEmpty() ? Map.of() : index.states(unknown);
        Map<ListingKey, ListingState> answer = new LinkedHashMap<>();
        keys.forEach(key -> answer.put(key, states.containsKey(key) ? states.get(key) : read.get(key)));
        return answer;
    }
}
