package dev.newsroom.publish;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.newsroom.core.store.Sequencer;
import java.util.Optional;

/**
 * One S3 event record, reduced to what publishing needs.
 *
 * @param key       the object key, URL-decoded ({@code +} is a space)
 * @param sequencer the normalised per-key event order
 * @param eTag      the object's ETag for creations, so the read sees exactly that version
 */
public record SourceChange(String bucket, String key, boolean created, String sequencer, Optional<String> eTag) {

    public static SourceChange of(S3EventNotificationRecord record) {
        var s3 = record.getS3();
        String eventName = record.getEventName();
        boolean created = eventName.startsWith("ObjectCreated:");
        if (!created && !eventName.startsWith("ObjectRemoved:")) {
            throw new IllegalArgumentException("not an object creation or removal: " + eventName);
        }
        String eTag = s3.getObject().geteTag();
        return new SourceChange(s3.getBucket().getName(), s3.getObject().getUrlDecodedKey(), created,
                Sequencer.normalise(s3.getObject().getSequencer()),
                created && eTag != null && !eTag.isEmpty() ? Optional.of(eTag) : Optional.empty());
    }

    /** True if this change comes after a change recorded with {@code recordedSequencer}. */
    public boolean isAfter(String recordedSequencer) {
        return sequencer.compareTo(recordedSequencer) > 0;
    }
}
