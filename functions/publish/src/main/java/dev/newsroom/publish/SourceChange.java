package dev.newsroom.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.core.store.Sequencer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One record of an S3 event notification, read from its JSON and reduced to what publishing needs.
 *
 * @param key       the object key, URL-decoded ({@code +} is a space)
 * @param sequencer the normalised per-key event order
 * @param eTag      the object's ETag for creations, so the read sees exactly that version
 */
public record SourceChange(String bucket, String key, boolean created, String sequencer, Optional<String> eTag) {

    public static SourceChange of(JsonNode record) {
        String eventName = record.path("eventName").asText();
        boolean created = eventName.startsWith("ObjectCreated:");
        if (!created && !eventName.startsWith("ObjectRemoved:")) {
            throw new IllegalArgumentException("not an object creation or removal: " + eventName);
        }
        JsonNode object = record.path("s3").path("object");
        String eTag = object.path("eTag").asText("");
        return new SourceChange(record.path("s3").path("bucket").path("name").asText(),
                URLDecoder.decode(object.path("key").asText(), StandardCharsets.UTF_8), created,
                Sequencer.normalise(object.path("sequencer").asText()),
                created && !eTag.isEmpty() ? Optional.of(eTag) : Optional.empty());
    }

    /** True if this change comes after a change recorded with {@code recordedSequencer}. */
    public boolean isAfter(String recordedSequencer) {
        return sequencer.compareTo(recordedSequencer) > 0;
    }
}
