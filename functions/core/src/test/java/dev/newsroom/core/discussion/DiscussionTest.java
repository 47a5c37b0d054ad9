package dev.newsroom.core.discussion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an article's page shows of its approved comments. */
class DiscussionTest {

    private static ShownComment comment(int minute, String parent) {
        return new ShownComment(String.format("%013d-c%d", minute * 60_000L, minute), "Reader " + minute, Optional.empty(),
                "Words " + minute, Optional.ofNullable(parent), Instant.ofEpochSecond(minute * 60L), false, false);
    }

    private static String id(int minute) {
        return comment(minute, null).id();
    }

    @Test
    void threadsRepliesUnderTheirParentsOldestFirstWhateverOrderTheyCameIn() {
        List<ShownComment> approved = new ArrayList<>(List.of(comment(1, null), comment(2, id(1)), comment(3, null), comment(4, id(2))));
        Collections.reverse(approved);
        Discussion discussion = Discussion.of(approved);
        assertEquals(4, discussion.count());
        assertEquals(2, discussion.threads().size());
        assertEquals(id(1), discussion.threads().get(0).comment().id());
        assertEquals(id(4), discussion.threads().get(0).replies().get(0).replies().get(0).comment().id(), "a reply to a reply");
        assertEquals(List.of(id(1), id(2), id(4), id(3)), discussion.shown().stream().map(ShownComment::id).toList(), "reading order");
        assertFalse(discussion.more());
    }

    @Test
    void aReplyWhoseParentIsNotApprovedStandsAlone() {
        Discussion discussion = Discussion.of(List.of(comment(5, "0000000000000-gone")));
        assertEquals(1, discussion.threads().size());
        assertTrue(discussion.threads().get(0).replies().isEmpty());
    }

    @Test
    void showsTheNewestThreadsWithAllTheirRepliesAndLeavesTheRestToTheScript() {
        List<ShownComment> approved = new ArrayList<>();
        for (int minute = 1; minute <= Discussion.THREADS_SHOWN + 5; minute++) {
            approved.add(comment(minute, null));
        }
        approved.add(comment(1000, id(Discussion.THREADS_SHOWN + 5)));
        Discussion discussion = Discussion.of(approved);
        assertEquals(Discussion.THREADS_SHOWN, discussion.threads().size());
        assertEquals(id(6), discussion.threads().get(0).comment().id(), "the oldest five threads are left out");
        assertEquals(id(1000), discussion.threads().get(Discussion.THREADS_SHOWN - 1).replies().get(0).comment().id());
        assertEquals(approved.size(), discussion.count(), "the count is of every comment");
        assertTrue(discussion.more());
    }

    @Test
    void aNewReplyBringsItsOldThreadOntoThePage() {
        List<ShownComment> approved = new ArrayList<>();
        for (int minute = 1; minute <= Discussion.THREADS_SHOWN + 5; minute++) {
            approved.add(comment(minute, null));
        }
        approved.add(comment(2000, id(1)));
        Discussion discussion = Discussion.of(approved);
        assertEquals(id(1), discussion.threads().get(0).comment().id(), "the oldest thread, replied to just now");
        assertEquals(id(2000), discussion.threads().get(0).replies().get(0).comment().id());
        assertEquals(Discussion.THREADS_SHOWN, discussion.threads().size());
    }

    @Test
    void theIndexIsCorrectedByChangesItMayNotShowYet() {
        List<ShownComment> indexed = List.of(comment(1, null), comment(2, null));
        Discussion corrected = Discussion.of(indexed, Map.of(id(2), Optional.empty(), id(3), Optional.of(comment(3, id(1)))));
        assertEquals(List.of(id(1), id(3)), corrected.shown().stream().map(ShownComment::id).toList(),
                "one taken off the page, one just approved");
        assertEquals(2, corrected.count());
    }
}
