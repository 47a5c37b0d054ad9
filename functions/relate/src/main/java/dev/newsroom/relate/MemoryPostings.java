package dev.newsroom.relate;

import dev.newsroom.core.index.Archive;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.index.ListingState;
import dev.newsroom.core.index.Postings;
import dev.newsroom.core.index.Window;
import dev.newsroom.core.related.TagFrequencies;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** Postings held in memory, for rendering a whole site at once; the same answers the index table gives. */
final class MemoryPostings implements Postings {

    /** Sorted as the index's sort keys are: by publication time, then path. */
    private record At(Instant published, String path) {
    }

    private static final Comparator<At> ORDER = Comparator.comparing(At::published).thenComparing(At::path);

    private final Map<ListingKey, NavigableMap<At, Entry>> listings = new HashMap<>();
    private final ZoneId zone;

    /** Every listing of these articles. */
    MemoryPostings(Collection<Entry> entries, ZoneId zone) {
        this.zone = zone;
        for (Entry entry : entries) {
            entry.listings().forEach(key -> add(key, entry));
        }
    }

    /** These listings, each read whole. */
    MemoryPostings(Map<ListingKey, List<Entry>> listings, ZoneId zone) {
        this.zone = zone;
        listings.forEach((key, entries) -> {
            this.listings.put(key, new TreeMap<>(ORDER));
            entries.forEach(entry -> add(key, entry));
        });
    }

    private void add(ListingKey key, Entry entry) {
        listings.computeIfAbsent(key, k -> new TreeMap<>(ORDER)).put(new At(entry.published(), entry.path()), entry);
    }

    Collection<ListingKey> keys() {
        return listings.keySet();
    }

    @Override
    public List<Entry> newest(ListingKey key, int limit) {
        return first(listing(key).descendingMap().values(), limit, new ArrayList<>());
    }

    @Override
    public Window around(ListingKey key, Instant published, String path, int each) {
        At place = new At(published, path);
        return new Window(first(listing(key).headMap(place, false).descendingMap().values(), each, new ArrayList<>()),
                first(listing(key).tailMap(place, false).values(), each, new ArrayList<>()));
    }

    /** Walks a view only as far as needed: streams over sorted-map views count the whole view first. */
    private static List<Entry> first(Collection<Entry> view, int limit, List<Entry> into) {
        var iterator = view.iterator();
        for (int i = 0; i < limit && iterator.hasNext(); i++) {
            into.add(iterator.next());
        }
        return into;
    }

    @Override
    public List<Entry> archive(ListingKey key, Archive archive) {
        return List.copyOf(listing(key).subMap(new At(archive.start(zone), ""), true, new At(archive.end(zone), ""), false)
                .descendingMap().values());
    }

    @Override
    public List<Entry> since(ListingKey key, Instant from) {
        return List.copyOf(listing(key).tailMap(new At(from, ""), true).values());
    }

    @Override
    public Map<ListingKey, ListingState> states(Collection<ListingKey> keys) {
        Map<ListingKey, ListingState> states = new LinkedHashMap<>();
        for (ListingKey key : keys) {
            TreeSet<Archive> archives = new TreeSet<>();
            listing(key).values().forEach(e -> archives.add(Archive.of(key, e.published(), zone)));
            states.put(key, new ListingState(key, 1, listing(key).size(), archives, TagFrequencies.band(listing(key).size())));
        }
        return states;
    }

    @Override
    public TagFrequencies frequencies(Collection<String> tags) {
        Map<String, Long> tagged = new HashMap<>();
        tags.forEach(t -> tagged.put(t, (long) listing(ListingKey.tag(t)).size()));
        return new TagFrequencies(tagged);
    }

    private NavigableMap<At, Entry> listing(ListingKey key) {
        return listings.getOrDefault(key, new TreeMap<>(ORDER));
    }
}
