package dev.newsroom.publish;

import dev.newsroom.core.json.Json;
import dev.newsroom.core.store.Sequencer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * One record of an S3 event notification, read from its JSON and reduced to what publishing needs.
 *
 * @param key       the object key, URL-decoded ({@code +} is a space)
 * @param sequencer the normalised per-key event order
 * @param eTag      the object's ETag for creations, so the read sees exactly that version
 */
public record SourceChange(String bucket, String key, boolean created, String sequencer, Optional<String> eTag) {

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
                created && !eTag.isEmpty() ? Optional.of(eTag) : Optional.empty());
    }

    /** The change as read under a version of the site configuration, which orders after the same upload read under an older one. */
    SourceChange underSettings(Optional<String> settingsVersion) {
        return settingsVersion.map(version -> new SourceChange(bucket, key, created, Sequencer.underSettings(sequencer, version), eTag))
                .orElse(this);
    }

    /** The latest upload of {@code key}, recorded with {@code recordedSequencer}, to be read again under a new configuration. */
    static SourceChange again(String bucket, String key, String recordedSequencer) {
        return new SourceChange(bucket, key, true, Sequencer.upload(recordedSequencer), Optional.empty());
    }

    /** True if this change comes after a change recorded with {@code recordedSequencer}. */
    public boolean isAfter(String recordedSequencer) {
        return sequencer.compareTo(recordedSequencer) > 0;
    }
}
