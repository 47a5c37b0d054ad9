package dev.newsroom.publish;

import dev.newsroom.core.hash.Sha256;
import dev.newsroom.core.json.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.Target;

/**
 * The articles' times, kept as EventBridge Scheduler one-time schedules: one per source file, at the
 * next time its article changes by itself (its embargo ends, or it expires), invoking the publish
 * function with the file to read again ({@link #EVENT_FIELD}). A schedule is set, moved and deleted
 * as its file's uploads change; the scheduler deletes it once it has fired, and sends what it could
 * not deliver, after its retries, to the dead-letter queue.
 */
final class DueSchedules {

    /** The field of the event a schedule sends: {@code {"due": {"bucket": ..., "key": ...}}}. */
    static final String EVENT_FIELD = "due";
    /** The scheduler's retries of an invocation that failed, before the dead-letter queue. */
    static final int RETRIES = 5;
    private static final int UPSERT_ATTEMPTS = 3;
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);
    private static final String UTC = "UTC";

    /** Where schedules go and what they invoke, from the template. */
    record Settings(String group, String targetArn, String roleArn, String deadLetterArn) {
    }

    private static final FlexibleTimeWindow OFF = FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build();

    private final SchedulerClient scheduler;
    private final Settings settings;

    DueSchedules(SchedulerClient scheduler, Settings settings) {
        this.scheduler = scheduler;
        this.settings = settings;
    }

    /** The schedule of {@code sourceKey}: a name within the scheduler's limits (64 of {@code [0-9a-zA-Z-_.]}) that no key shares. */
    static String name(String sourceKey) {
        return "due-" + Sha256.hex(sourceKey).substring(0, 56);
    }

    /**
     * The scheduler's expression for {@code at}, in UTC, rounded up to its second: a schedule never
     * fires before the time it stands for.
     */
    static String expression(Instant at) {
        Instant second = at.truncatedTo(ChronoUnit.SECONDS);
        Instant due = second.equals(at) ? at : second.plusSeconds(1);
        return "at(" + AT.format(LocalDateTime.ofInstant(due, ZoneOffset.UTC)) + ")";
    }

    /** What the schedule of the file {@code sourceKey} in {@code bucket} sends the function ({@code events/schedule-due.json}). */
    static String input(String bucket, String sourceKey) {
        return Json.write(Map.of(EVENT_FIELD, Map.of("bucket", bucket, "key", sourceKey)));
    }

    /** Sets the schedule of the file {@code sourceKey} in {@code bucket} to {@code at}, whether or not it has one. */
    void set(String bucket, String sourceKey, Instant at) {
        String name = name(sourceKey);
        Target target = Target.builder().arn(settings.targetArn()).roleArn(settings.roleArn()).input(input(bucket, sourceKey))
                .deadLetterConfig(d -> d.arn(settings.deadLetterArn()))
                .retryPolicy(r -> r.maximumRetryAttempts(RETRIES).maximumEventAgeInSeconds(86_400)).build();
        String when = expression(at);
        // The two requests carry the same fields, but the SDK gives them no common builder.
        for (int attempt = 1; ; attempt++) {
            try {
                scheduler.createSchedule(r -> r.name(name).groupName(settings.group()).scheduleExpression(when).scheduleExpressionTimezone(UTC)
                        .flexibleTimeWindow(OFF).actionAfterCompletion(ActionAfterCompletion.DELETE).description(sourceKey).target(target));
                return;
            } catch (ConflictException exists) {
                try {
                    scheduler.updateSchedule(r -> r.name(name).groupName(settings.group()).scheduleExpression(when).scheduleExpressionTimezone(UTC)
                            .flexibleTimeWindow(OFF).actionAfterCompletion(ActionAfterCompletion.DELETE).description(sourceKey).target(target));
                    return;
                } catch (ResourceNotFoundException deletedMeanwhile) {
                    if (attempt == UPSERT_ATTEMPTS) {
                        throw deletedMeanwhile;
                    }
                }
            }
        }
    }

    /** Deletes the schedule of {@code sourceKey}, if it has one. */
    void clear(String sourceKey) {
        try {
            scheduler.deleteSchedule(r -> r.name(name(sourceKey)).groupName(settings.group()));
        } catch (ResourceNotFoundException none) {
            // Never set, fired already, or deleted by an earlier try.
        }
    }
}
