package dev.newsroom.relate;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.newsroom.core.json.Json;
import dev.newsroom.core.store.StreamRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Any event in place of a DynamoDB stream's batch, through the decoding the stream functions share
 * ({@link StreamRecord}) and then as the relate function reads it: as an article's change, and as
 * a comment's. A batch that is not JSON fails to read ({@link IOException}); one that is JSON but not
 * what a stream sends is refused with {@link StreamRecord.MalformedException}, naming the record.
 * Anything else escaping would fail the batch with no word of which record was at fault.
 */
class StreamRecordFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void decodesAnyBatchOrNamesTheRecordItRefuses(byte[] event) {
        List<StreamRecord> batch;
        try {
            Map<String, Object> json = Json.readEvent(new ByteArrayInputStream(event));
            batch = StreamRecord.batch(json);
        } catch (IOException | StreamRecord.MalformedException refused) {
            return;
        }
        for (StreamRecord record : batch) {
            try {
                ArticleChange.of(record).listings();
            } catch (StreamRecord.MalformedException refused) {
                // named, and the batch is delivered again: nothing skipped
            }
            try {
                CommentPages.ShownChange.of(record);
            } catch (StreamRecord.MalformedException refused) {
                // likewise
            }
        }
    }
}
