package dev.newsroom.publish;

import dev.newsroom.core.json.Json;
import dev.newsroom.core.store.Sequencer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One record of an S3 event notification, read from its JSON and reduced to what publishing needs.
 *
 * @param key       the object key, URL-decoded ({@code +} is a space)
 * @param sequencer the normalised per-key event order
 * @param eTag      the object's ETag for creations, so the read sees exactly that version
 * @param due       when the article's time came, for a reading that its schedule asked for: it
 *                  orders after the reading before it ({@link Sequencer#due})
 */
public record SourceChange(String bucket, String key, boolean created, String sequencer, Optional<String> eTag,
                           Optional<Instant> due) {

    public static SourceChange of(Map<String, Object> record) {
        String eventName = Json.text(record.get("eventName"), "");
        boolean created = eventName.startsWith("ObjectCreated:");
        if (!created && !eventName.startsWith("ObjectRemoved:")) {
            throw new IllegalArgumentException("not an object creation or removal: " + eventName);
        }
        Map<String, Object> s3 = Json.object(record.get("s3"));
        Map<String, Object> object = Json.object(s3.get("object"));
        String eTag = Json.text(object.get("eTag"), "");
        return new SourceChange(Json.text(Json.object(s3.get("bucket")).get("name"), ""),
                URLDecoder.decode(Json.text(object.get("key"), ""), StandardCharsets.UTF_8), created,
                Sequencer.normalise(Json.text(object.get("sequencer"), "")),
                created && !eTag.isEmpty() ? Optional.of(eTag) : Optional.empty(), Optional.empty());
    }

    /** The change as read under a version of the site configuration, which orders after the same upload read under an older one. */
    SourceChange underSettings(Optional<String> settingsVersion) {
        String read = settingsVersion.map(version -> Sequencer.underSettings(sequencer, version)).orElse(sequencer);
        return new SourceChange(bucket, key, created, due.map(at -> Sequencer.due(read, at)).orElse(read), eTag, due);
    }

    /** The latest upload of {@code key}, recorded with {@code recordedSequencer}, to be read again under a new configuration. */
    static SourceChange again(String bucket, String key, String recordedSequencer) {
        return new SourceChange(bucket, key, true, Sequencer.upload(recordedSequencer), Optional.empty(), Optional.empty());
    }

    /** The latest upload of {@code key} read again because its time came at {@code at}: its embargo ends, or it expires. */
    static SourceChange due(String bucket, String key, String recordedSequencer, Instant at) {
        return new SourceChange(bucket, key, true, Sequencer.upload(recordedSequencer), Optional.empty(), Optional.of(at));
    }

    /** True if this change comes after a change recorded with {@code recordedSequencer}. */
    public boolean isAfter(String recordedSequencer) {
        return sequencer.compareTo(recordedSequencer) > 0;
    }
}
