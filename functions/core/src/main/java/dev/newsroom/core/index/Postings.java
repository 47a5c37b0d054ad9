package dev.newsroom.core.index;

import dev.newsroom.core.related.TagFrequencies;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What ranking and listing pages read of the articles in each listing. The index table answers in
 * production; a full export answers from memory, through the same ranking and rendering code.
 */
public interface Postings {

    /** The newest articles of a listing, newest first. */
    List<Entry> newest(ListingKey key, int limit);

    /** Up to {@code each} articles on each side of the place of ({@code published}, {@code path}), nearest first. */
    Window around(ListingKey key, Instant published, String path, int each);

    /** The listing's articles on one archive page, newest first. */
    List<Entry> archive(ListingKey key, Archive archive);

    /** The listing's articles published from {@code from} on, oldest first. */
    List<Entry> since(ListingKey key, Instant from);

    /** The state of each listing; an unknown listing is empty. */
    Map<ListingKey, ListingState> states(Collection<ListingKey> keys);

    /** How many published articles carry each of these tags. */
    default TagFrequencies frequencies(Collection<String> tags) {
        return frequencies(states(tags.stream().map(ListingKey::tag).toList()));
    }

    /** How many published articles carry each tag, from the tags' listing states. */
    static TagFrequencies frequencies(Map<ListingKey, ListingState> tagStates) {
        Map<String, Long> tagged = new HashMap<>();
        tagStates.forEach((key, state) -> tagged.put(key.slug(), state.count()));
        return new TagFrequencies(tagged);
    }
}
