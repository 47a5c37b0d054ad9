package dev.newsroom.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.testkit.CloudFormationTemplate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalScheduleTest {

    @Test
    void readsTheTemplatesSchedulesWithTheirRatesAndInputs() throws Exception {
        List<LocalSchedule> schedules = LocalSchedule.fromTemplate(CloudFormationTemplate.ofRepository());

        assertTrue(schedules.contains(new LocalSchedule("ModerationDigestFunction", "MeasurePendingWait", Duration.ofMinutes(5),
                "{\"task\": \"measure\"}")), schedules::toString);
        assertTrue(schedules.contains(new LocalSchedule("ModerationDigestFunction", "SendDigest", Duration.ofMinutes(60),
                "{\"task\": \"digest\"}")), schedules::toString);
    }

    @Test
    void runsRatesAsEventBridgeSchedulerWritesThem() {
        assertEquals(Duration.ofMinutes(1), LocalSchedule.rate("s", "rate(1 minute)"));
        assertEquals(Duration.ofHours(2), LocalSchedule.rate("s", "rate(2 hours)"));
        assertEquals(Duration.ofDays(1), LocalSchedule.rate("s", "rate(1 day)"));
    }

    @Test
    void refusesWhatItCannotRunAtStartRatherThanNeverRunningIt() {
        var refused = assertThrows(IllegalStateException.class, () -> LocalSchedule.rate("Fn's Nightly", "cron(0 3 * * ? *)"));
        assertTrue(refused.getMessage().contains("Fn's Nightly"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> LocalSchedule.rate("s", "rate(0 minutes)"));
    }
}
