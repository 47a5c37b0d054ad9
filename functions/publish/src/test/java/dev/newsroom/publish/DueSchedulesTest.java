package dev.newsroom.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.testkit.LocalJson;
import dev.newsroom.testkit.SampleEvents;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DueSchedulesTest {

    @Test
    void anAtExpressionIsInUtcWithItsSecondsAndNeverBeforeItsTime() {
        assertEquals("at(2026-12-08T09:00:00)", DueSchedules.expression(Instant.parse("2026-12-08T09:00:00Z")));
        assertEquals("at(2026-12-08T09:00:01)", DueSchedules.expression(Instant.parse("2026-12-08T09:00:00.001Z")),
                "a time within a second is rounded up, so the schedule cannot fire before it");
        assertEquals("at(2027-01-01T00:00:00)", DueSchedules.expression(Instant.parse("2026-12-31T23:59:59.5Z")));
    }

    @Test
    void aFilesScheduleNameFitsTheSchedulersLimitsAndIsItsTimesOwn() {
        Instant at = Instant.parse("2999-12-31T23:59:59.5Z");
        String name = DueSchedules.name("articles/" + "very-long-name/".repeat(40) + "a.md", at);
        assertTrue(name.matches("[0-9a-zA-Z-_.]{1,64}"), name);
        assertEquals(name, DueSchedules.name("articles/" + "very-long-name/".repeat(40) + "a.md", at));
        assertNotEquals(DueSchedules.name("articles/a.md", at), DueSchedules.name("articles/b.md", at));
        assertNotEquals(DueSchedules.name("articles/a.md", at), DueSchedules.name("articles/a.md", at.plusSeconds(1)),
                "a time moved is a new schedule, never one updated in place");
    }

    @Test
    void theEventAScheduleSendsIsTheSampleEventsShape() throws Exception {
        assertEquals(SampleEvents.due("newsroom-source-123456789012", "articles/harbour-bridge-reopens.md"),
                LocalJson.mapper().readTree(DueSchedules.input("newsroom-source-123456789012", "articles/harbour-bridge-reopens.md")));
    }
}
