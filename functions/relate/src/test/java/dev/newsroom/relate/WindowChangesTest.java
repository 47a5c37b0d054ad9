package dev.newsroom.relate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.article.Author;
import dev.newsroom.core.article.Term;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.index.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which lists an arrival or a departure reaches through a listing's windows, and what crossed each window's edge. */
class WindowChangesTest {

    private static final int WINDOW = 3;
    private static final ListingKey CITY = ListingKey.category("city");

    /** A listing b3 b2 b1 [place] a1 a2 a3, windows of three. */
    private static Window around() {
        return new Window(entries("b", 3), entries("a", 3));
    }

    private static List<Entry> entries(String prefix, int count) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            entries.add(new Entry(prefix + i, 1, prefix + i, Instant.EPOCH, Instant.EPOCH, Optional.empty(), Optional.empty(),
                    Term.named("City"), List.of(Author.person("Amara", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())), List.of(),
                    Optional.empty(), 0, false));
        }
        return entries;
    }

    @Test
    void anArrivalPushesOutOfEachNeighboursWindowTheArticleAWindowAwayOnItsSide() {
        var reached = WindowChanges.of(List.of(new WindowChanges.Move(CITY, true, around(), 4)), List.of(), WINDOW);

        assertEquals(Set.of("b1", "b2", "b3", "a1", "a2", "a3"), reached.keySet());
        assertEquals(Set.of("a3"), reached.get("b1").pushedOut(), "b1 saw a1 a2 a3 after it; now x a1 a2");
        assertEquals(Set.of("a1"), reached.get("b3").pushedOut(), "b3 saw b2 b1 a1; now b2 b1 x");
        assertEquals(Set.of("b2"), reached.get("a2").pushedOut());
        assertTrue(reached.values().stream().noneMatch(WindowChanges.Reach::afresh));
        assertTrue(reached.values().stream().allMatch(r -> r.entered().isEmpty() && r.cause() == 4));
    }

    @Test
    void aDepartureLetsIntoEachNeighboursWindowTheArticleAWindowAwayOnItsSide() {
        var reached = WindowChanges.of(List.of(new WindowChanges.Move(CITY, false, around(), 2)), List.of(), WINDOW);

        assertEquals(Set.of("a3"), reached.get("b1").entered().keySet(), "b1 saw x a1 a2; now a1 a2 a3");
        assertEquals(Set.of("b1"), reached.get("a3").entered().keySet());
        assertTrue(reached.values().stream().allMatch(r -> r.pushedOut().isEmpty() && !r.afresh()));
    }

    @Test
    void twoMovesInOneListingRankTheirNeighboursAfreshButNotThoseOfAnotherListing() {
        var tram = ListingKey.tag("tram");
        var reached = WindowChanges.of(List.of(new WindowChanges.Move(CITY, true, around(), 5),
                new WindowChanges.Move(CITY, false, new Window(entries("c", 1), List.of()), 3),
                new WindowChanges.Move(tram, true, new Window(entries("t", 1), List.of()), 5)), List.of(), WINDOW);

        assertTrue(reached.get("b1").afresh() && reached.get("c1").afresh());
        assertEquals(3, reached.get("c1").cause(), "the earliest record that reached it");
        assertFalse(reached.get("t1").afresh(), "alone in its listing, the tram move is followed exactly");
    }

    @Test
    void aChangedArticleIsACandidateForEveryListInItsWindowsAfterTheBatch() {
        var reached = WindowChanges.of(List.of(), List.of(new WindowChanges.Placed("x", around(), 7)), WINDOW);

        assertEquals(6, reached.size());
        assertTrue(reached.values().stream().allMatch(r -> r.changed().equals(Set.of("x")) && !r.afresh() && r.cause() == 7));
        assertEquals(Map.of(), reached.get("a1").entered());
    }
}
