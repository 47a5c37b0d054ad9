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
 * The articles' times, kept as EventBridge Scheduler one-time schedules: one per source file and
 * time, at the next time its article changes by itself (its embargo ends, or it expires), invoking
 * the publish function with the file to read again ({@link #EVENT_FIELD}). Each time has a schedule
 * of its own name, never updated in place: the scheduler deletes a one-time schedule as it hands its
 * event to Lambda, which could take a schedule updated meanwhile with it. A time that moves gets
 * a new schedule and the old one is deleted; the caller then reads the article again and makes
 * the old time's schedule again if a concurrent upload set that time meanwhile (its schedule may
 * have been made just before the delete). The scheduler deletes each schedule once it has fired. The
 * scheduler invokes the function asynchronously: the function's failures are retried by Lambda
 * and go to the function's failure queue; what the scheduler itself cannot deliver goes to the
 * dead-letter queue.
 */
final class DueSchedules {

    /** The field of the event a schedule sends: {@code {"due": {"bucket": ..., "key": ...}}}. */
    static final String EVENT_FIELD = "due";
    /** The scheduler's retries of a delivery that failed (throttled, refused), before the dead-letter queue. */
    static final int RETRIES = 5;
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);
    private static final FlexibleTimeWindow OFF = FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build();

    /** Where schedules go and what they invoke, from the template. */
    record Settings(String group, String targetArn, String roleArn, String deadLetterArn) {
    }

    private final SchedulerClient scheduler;
    private final Settings settings;

    DueSchedules(SchedulerClient scheduler, Settings settings) {
        this.scheduler = scheduler;
        this.settings = settings;
    }

    /**
     * The schedule of {@code sourceKey} at {@code at}: a name within the scheduler's limits (64 of
     * {@code [0-9a-zA-Z-_.]}) that no other file or time shares.
     */
    static String name(String sourceKey, Instant at) {
        return "due-" + Sha256.hex(sourceKey).substring(0, 40) + "-" + due(at).getEpochSecond();
    }

    /** The scheduler's expression for {@code at}, in UTC. */
    static String expression(Instant at) {
        return "at(" + AT.format(LocalDateTime.ofInstant(due(at), ZoneOffset.UTC)) + ")";
    }

    /** {@code at} rounded up to its second, as schedules take it: a schedule never fires before the time it stands for. */
    private static Instant due(Instant at) {
        Instant second = at.truncatedTo(ChronoUnit.SECONDS);
        return second.equals(at) ? at : second.plusSeconds(1);
    }

    /** What the schedule of the file {@code sourceKey} in {@code bucket} sends the function ({@code events/schedule-due.json}). */
    static String input(String bucket, String sourceKey) {
        return Json.write(Map.of(EVENT_FIELD, Map.of("bucket", bucket, "key", sourceKey)));
    }

    /** Deletes the schedule of the file {@code sourceKey} at {@code at}, if it has one. */
    void delete(String sourceKey, Instant at) {
        try {
            scheduler.deleteSchedule(r -> r.name(name(sourceKey, at)).groupName(settings.group()));
        } catch (ResourceNotFoundException gone) {
            // Fired already, or deleted by an earlier try.
        }
    }

    /** Makes sure the file {@code sourceKey} in {@code bucket} has a schedule at {@code at}. */
    void set(String bucket, String sourceKey, Instant at) {
        Target target = Target.builder().arn(settings.targetArn()).roleArn(settings.roleArn()).input(input(bucket, sourceKey))
                .deadLetterConfig(d -> d.arn(settings.deadLetterArn()))
                .retryPolicy(r -> r.maximumRetryAttempts(RETRIES).maximumEventAgeInSeconds(86_400)).build();
        try {
            scheduler.createSchedule(r -> r.name(name(sourceKey, at)).groupName(settings.group()).scheduleExpression(expression(at))
                    .scheduleExpressionTimezone("UTC").flexibleTimeWindow(OFF).actionAfterCompletion(ActionAfterCompletion.DELETE)
                    .description(sourceKey).target(target));
        } catch (ConflictException exists) {
            // Set by an earlier try, or by the upload before: the same file at the same time.
        }
    }
}
