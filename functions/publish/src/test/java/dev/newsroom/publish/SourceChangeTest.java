package dev.newsroom.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sample events in {@code events/} load as the runtime would load them, and read as intended. */
class SourceChangeTest {

    @Test
    void readsAPut() {
        SourceChange change = SourceChange.of(S3Events.load("s3-put.json").getRecords().get(0));
        assertTrue(change.created());
        assertEquals("newsroom-source-123456789012", change.bucket());
        assertEquals("articles/harbour-bridge-reopens.md", change.key());
        assertEquals(Optional.of("6e8a1f4d1b3c9a0e2f5d7c8b9a0e1f2d"), change.eTag());
        assertEquals("0067432B5E1A2F3C4D00000000000000", change.sequencer());
    }

    @Test
    void decodesAnEncodedKey() {
        SourceChange change = SourceChange.of(S3Events.load("s3-put-encoded-key.json").getRecords().get(0));
        assertEquals("articles/2026/Café owners win appeal & reopen.md", change.key());
    }

    @Test
    void readsADeleteAndOrdersItAfterThePut() {
        SourceChange put = SourceChange.of(S3Events.load("s3-put.json").getRecords().get(0));
        SourceChange delete = SourceChange.of(S3Events.load("s3-delete.json").getRecords().get(0));
        assertFalse(delete.created());
        assertEquals(Optional.empty(), delete.eTag());
        assertTrue(delete.isAfter(put.sequencer()));
        assertFalse(put.isAfter(delete.sequencer()));
    }

    @Test
    void comparesSequencersOfDifferentLengthsAsAwsSays() {
        // Right-padded with zeros: "0A" is "0A00…", later than "09FFFF".
        SourceChange shorter = new SourceChange("b", "k", true, dev.newsroom.core.store.Sequencer.normalise("0A"), Optional.empty());
        assertTrue(shorter.isAfter(dev.newsroom.core.store.Sequencer.normalise("09FFFF")));
    }
}
