package dev.newsroom.relate;

import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.index.Window;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which lists a batch reaches through the listings' windows, and how their candidates changed. Pure.
 *
 * <p>A list's candidates are the articles in its owner's window in each of its listings. Windows are
 * symmetric, so when an article arrives in a listing, the windows it enters are those of the articles
 * in its own window there; when it leaves, those of the articles around the place it left. Where a
 * listing has exactly one arrival or departure in the batch, the change to each neighbour's window is
 * known exactly: an arrival pushes out the article {@code window} places away on its side, and a
 * departure lets in the one {@code window} places away. Where a listing has more, the windows near them
 * are ranked afresh.
 */
final class WindowChanges {

    private WindowChanges() {
    }

    /**
     * An article arriving at or leaving a place in a listing, with the window of that place as the
     * batch left the index.
     *
     * @param cause the first record of the change, where a retry starts if the lists it reaches fail
     */
    record Move(ListingKey key, boolean arrived, Window window, int cause) {
    }

    /**
     * A changed article's window in one of its listings after the batch: it is a candidate for the
     * list of every article there.
     */
    record Placed(String path, Window window, int cause) {
    }

    /**
     * What the batch did to one list's candidates.
     *
     * @param afresh    the list must be ranked again from its owner's windows
     * @param cause     the earliest record among the changes that reached it
     * @param entered   unchanged articles that came into one of its owner's windows
     * @param pushedOut unchanged articles pushed out of one of its owner's windows
     * @param changed   changed articles now in one of its owner's windows
     */
    record Reach(boolean afresh, int cause, Map<String, Entry> entered, Set<String> pushedOut, Set<String> changed) {

        Reach merge(Reach other) {
            Map<String, Entry> in = new TreeMap<>(entered);
            in.putAll(other.entered);
            return new Reach(afresh || other.afresh, Math.min(cause, other.cause), in, union(pushedOut, other.pushedOut),
                    union(changed, other.changed));
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> u = new TreeSet<>(a);
            u.addAll(b);
            return u;
        }
    }

    /** Each list reached, by its owner's path. */
    static Map<String, Reach> of(Collection<Move> moves, Collection<Placed> placed, int window) {
        Map<String, Reach> reached = new HashMap<>();
        Map<ListingKey, List<Move>> byListing = new LinkedHashMap<>();
        moves.forEach(m -> byListing.computeIfAbsent(m.key(), k -> new java.util.ArrayList<>()).add(m));
        for (List<Move> inListing : byListing.values()) {
            boolean alone = inListing.size() == 1;
            for (Move move : inListing) {
                side(reached, move, move.window().before(), move.window().after(), alone, window);
                side(reached, move, move.window().after(), move.window().before(), alone, window);
            }
        }
        for (Placed p : placed) {
            p.window().all().forEach(owner -> reached.merge(owner.path(),
                    new Reach(false, p.cause(), Map.of(), Set.of(), Set.of(p.path())), Reach::merge));
        }
        return reached;
    }

    /** The owners on one side of a move; the article {@code window} places from each, on the other side, crossed their window's edge. */
    private static void side(Map<String, Reach> reached, Move move, List<Entry> owners, List<Entry> otherSide, boolean alone,
                             int window) {
        for (int i = 0; i < owners.size(); i++) {
            int across = window - 1 - i;
            Entry edge = alone && across < otherSide.size() ? otherSide.get(across) : null;
            Map<String, Entry> entered = edge != null && !move.arrived() ? Map.of(edge.path(), edge) : Map.of();
            Set<String> pushedOut = edge != null && move.arrived() ? Set.of(edge.path()) : Set.of();
            reached.merge(owners.get(i).path(), new Reach(!alone, move.cause(), entered, pushedOut, Set.of()), Reach::merge);
        }
    }
}
