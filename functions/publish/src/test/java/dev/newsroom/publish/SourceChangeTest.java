package dev.newsroom.publish;

import dev.newsroom.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.newsroom.core.store.Sequencer;
import java.util.List;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sample events in {@code events/} read as intended, and as Lambda's runtime would read them for its event classes. */
class SourceChangeTest {

    @Test
    void readsAPut() {
        SourceChange change = change("s3-put.json");
        assertTrue(change.created());
        assertEquals("newsroom-source-123456789012", change.bucket());
        assertEquals("articles/harbour-bridge-reopens.md", change.key());
        assertEquals(Optional.of("6e8a1f4d1b3c9a0e2f5d7c8b9a0e1f2d"), change.eTag());
        assertEquals("0067432B5E1A2F3C4D00000000000000", change.sequencer());
    }

    @Test
    void decodesAnEncodedKey() {
        assertEquals("articles/2026/Café owners win appeal & reopen.md", change("s3-put-encoded-key.json").key());
    }

    @Test
    void readsADeleteAndOrdersItAfterThePut() {
        SourceChange put = change("s3-put.json");
        SourceChange delete = change("s3-delete.json");
        assertFalse(delete.created());
        assertEquals(Optional.empty(), delete.eTag());
        assertTrue(delete.isAfter(put.sequencer()));
        assertFalse(put.isAfter(delete.sequencer()));
    }

    @Test
    void readsEverySampleAsTheRuntimesEventClassesDo() {
        for (String sample : List.of("s3-put.json", "s3-put-encoded-key.json", "s3-delete.json", "s3-put-site-yaml.json")) {
            var record = EventLoader.loadS3Event(S3Events.eventFile(sample).toString()).getRecords().get(0);
            var object = record.getS3().getObject();
            SourceChange change = change(sample);
            assertEquals(record.getS3().getBucket().getName(), change.bucket(), sample);
            assertEquals(object.getUrlDecodedKey(), change.key(), sample);
            assertEquals(Sequencer.normalise(object.getSequencer()), change.sequencer(), sample);
            assertEquals(change.created() ? Optional.ofNullable(object.geteTag()) : Optional.empty(), change.eTag(), sample);
        }
    }

    @Test
    void theSameUploadReadUnderANewerConfigurationComesAfterItAndBeforeTheNextUpload_A2() {
        SourceChange put = change("s3-put.json");
        SourceChange underV1 = put.underSettings(Optional.of(Sequencer.normalise("01")));
        SourceChange underV2 = put.underSettings(Optional.of(Sequencer.normalise("02")));
        assertTrue(underV1.isAfter(put.sequencer()), "read again under a configuration, an upload comes after itself");
        assertTrue(underV2.isAfter(underV1.sequencer()));
        assertFalse(put.isAfter(underV1.sequencer()), "the event delivered again is already handled");
        SourceChange next = new SourceChange(put.bucket(), put.key(), true, Sequencer.normalise("0067432B5E1A2F3C4E"), Optional.empty(), Optional.empty());
        assertTrue(next.isAfter(underV2.sequencer()), "the next upload comes after any reading of the one before");
        assertEquals(underV2.sequencer(), SourceChange.again(put.bucket(), put.key(), underV1.sequencer())
                .underSettings(Optional.of(Sequencer.normalise("02"))).sequencer());
    }

    @Test
    void aReadingAtAnArticlesTimeComesAfterTheReadingBeforeAndBeforeANewerConfiguration_A2() {
        SourceChange put = change("s3-put.json");
        for (Optional<String> settings : List.of(Optional.<String>empty(), Optional.of(Sequencer.normalise("01")))) {
            SourceChange read = put.underSettings(settings);
            SourceChange released = SourceChange.due(put.bucket(), put.key(), read.sequencer(), Instant.parse("2026-12-08T09:00:00Z"))
                    .underSettings(settings);
            SourceChange expired = SourceChange.due(put.bucket(), put.key(), released.sequencer(), Instant.parse("2026-12-20T00:00:00Z"))
                    .underSettings(settings);
            assertTrue(released.isAfter(read.sequencer()), "the release follows the upload's reading");
            assertTrue(expired.isAfter(released.sequencer()), "a later time follows an earlier one");
            assertFalse(released.isAfter(expired.sequencer()), "a schedule that fires again late changes nothing back");
            assertTrue(put.underSettings(Optional.of(Sequencer.normalise("02"))).isAfter(expired.sequencer()),
                    "a newer configuration reads the upload again after its times");
        }
    }

    @Test
    void comparesSequencersOfDifferentLengthsAsAwsSays_A2() {
        // Right-padded with zeros: "0A" is "0A00…", later than "09FFFF".
        SourceChange shorter = new SourceChange("b", "k", true, Sequencer.normalise("0A"), Optional.empty(), Optional.empty());
        assertTrue(shorter.isAfter(Sequencer.normalise("09FFFF")));
    }

    private static SourceChange change(String sample) {
        try (var event = Files.newInputStream(S3Events.eventFile(sample))) {
            return SourceChange.of(Json.object(Json.array(Json.readEvent(event).get("Records")).get(0)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
