package dev.newsroom.comments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PendingDigestTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final URI DESK = URI.create("https://news.example.org/desk/");

    private static Comment waiting(String name, String body, Instant at, Optional<Hold> hold) {
        return new Comment("/articles/harbour", at.toEpochMilli() + "-0", Comment.PENDING, name, Optional.empty(), body, Optional.empty(),
                at, Optional.empty(), Optional.empty(), "", Optional.empty(), false, hold, Comment.Reports.NONE, List.of(), Comment.Badges.NONE);
    }

    @Test
    void tellsHowManyWaitAndHowLongTheOldestHasWaited() {
        Comment oldest = waiting("Ada", "First", NOW.minus(Duration.ofMinutes(125)), Optional.of(new Hold(Hold.SUSPECT_WORD, "crypto")));
        Comment newest = waiting("Bo", "Second", NOW.minus(Duration.ofMinutes(5)), Optional.empty());
        var digest = new PendingDigest(2, List.of(oldest, newest), Optional.of(newest.createdAt()), NOW);

        var message = digest.message(HOUR, "The Daily Example", DESK).orElseThrow();

        assertEquals("2 comments wait for moderation on The Daily Example", message.subject());
        assertTrue(message.text().startsWith("2 comments wait for moderation on The Daily Example. The oldest has waited 2 h 5 min."),
                message.text());
        assertTrue(message.text().contains("- Ada on /articles/harbour (held: suspect_word, crypto)\n  \"First\""), message.text());
        assertTrue(message.text().endsWith("Open the desk: https://news.example.org/desk/\n"), message.text());
        assertEquals(Duration.ofMinutes(125), digest.oldestWait());
    }

    @Test
    void saysNothingWhenNothingCameInSinceTheLastDigest() {
        Comment old = waiting("Ada", "First", NOW.minus(Duration.ofHours(3)), Optional.empty());
        assertTrue(new PendingDigest(1, List.of(old), Optional.of(old.createdAt()), NOW).message(HOUR, "Site", DESK).isEmpty());
        assertTrue(new PendingDigest(0, List.of(), Optional.empty(), NOW).message(HOUR, "Site", DESK).isEmpty());
        assertEquals(Duration.ZERO, new PendingDigest(0, List.of(), Optional.empty(), NOW).oldestWait());
    }

    @Test
    void listsTheOldestTenAndCountsTheRest() {
        List<Comment> oldestFirst = IntStream.range(0, PendingDigest.LISTED)
                .mapToObj(i -> waiting("Reader " + i, "Words " + i, NOW.minusSeconds(600 - i), Optional.empty())).toList();
        var message = new PendingDigest(25, oldestFirst, Optional.of(NOW.minusSeconds(1)), NOW).message(HOUR, "Site", DESK).orElseThrow();

        assertTrue(message.text().contains("Reader 9") && message.text().contains("and 15 more."), message.text());
    }

    /** SNS refuses a subject that is not printable ASCII or longer than 100 characters. */
    @Test
    void keepsTheSubjectToWhatSnsTakes_J11() {
        Comment c = waiting("Ana", "Long\nbody " + "x".repeat(300), NOW.minusSeconds(60), Optional.empty());
        var message = new PendingDigest(1, List.of(c), Optional.of(c.createdAt()), NOW)
                .message(HOUR, "Diário de Notícias\r\nBcc: everyone " + "y".repeat(120), DESK).orElseThrow();

        assertTrue(message.subject().length() <= 100, message.subject());
        assertTrue(message.subject().chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f), message.subject());
        assertTrue(message.subject().startsWith("1 comment waits for moderation on Di?rio de Not?cias??Bcc"), message.subject());
        assertTrue(message.text().contains("\"Long body " + "x".repeat(190) + "…\""), "quoted on one line, cut at 200: " + message.text());
    }

    @Test
    void saysAWaitAsPeopleDo() {
        assertEquals("45 min", PendingDigest.wait(Duration.ofMinutes(45)));
        assertEquals("2 h 5 min", PendingDigest.wait(Duration.ofMinutes(125)));
        assertEquals("3 d 4 h", PendingDigest.wait(Duration.ofHours(76)));
    }
}
