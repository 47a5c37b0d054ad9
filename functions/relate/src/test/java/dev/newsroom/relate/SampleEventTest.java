package dev.newsroom.relate;

import dev.newsroom.core.store.StreamRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.json.Json;
import dev.newsroom.core.store.UnsettledStore;
import dev.newsroom.testkit.CloudFormationTemplate;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sample stream event in {@code events/} reads as intended, and every record reads as Lambda's own event classes read it. */
class SampleEventTest {

    @Test
    void theSampleInsertIsAPublishedArticle() throws Exception {
        String json = Files.readString(CloudFormationTemplate.repositoryRoot().resolve("events/dynamodb-article-published.json"));
        ArticleChange change = ArticleChange.of(StreamRecord.batch(Json.readEvent(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))).get(0));
        assertEquals("/articles/harbour-bridge-reopens", change.path());
        assertTrue(change.before().isEmpty());
        Entry entry = Entry.of(change.after().orElseThrow()).orElseThrow();
        assertEquals(1, change.version());
        assertTrue(entry.listings().containsAll(List.of(ListingKey.HOME, ListingKey.category("city"),
                ListingKey.author("amara-okafor"), ListingKey.tag("transport"), ListingKey.tag("harbour"))));
    }

    /** The burst marker's record (docs/related.md, "Settling a burst") carries no article, and a batch of it alone settles. */
    @Test
    void theSampleMarkerRecordCarriesNoArticle() throws Exception {
        String json = Files.readString(CloudFormationTemplate.repositoryRoot().resolve("events/dynamodb-burst-marker.json"));
        ArticleChange change = ArticleChange.of(StreamRecord.batch(Json.readEvent(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))).get(0));
        assertEquals(UnsettledStore.MARKER, change.path());
        assertFalse(change.carriesArticle(), "not counted towards a burst");
        assertFalse(change.shows(), "nothing of its own to render");
    }

    /** An item still stored under a bare slug changes only as KeyMigration moves it, which rebuilds the index itself. */
    @Test
    void aRecordOfAnItemUnderABareSlugChangesNothing() throws Exception {
        String json = Files.readString(CloudFormationTemplate.repositoryRoot().resolve("events/dynamodb-article-published.json"))
                .replace("\"/articles/harbour-bridge-reopens\"", "\"harbour-bridge-reopens\"");
        ArticleChange change = ArticleChange.of(StreamRecord.batch(Json.readEvent(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))).get(0));
        assertFalse(change.carriesArticle());
        assertFalse(change.shows());
    }

    /**
     * A record that is not what a stream sends (an attribute value with two types, bad base64, an
     * article image with a field missing) fails its batch with an error naming the record, not an
     * anonymous exception: Lambda delivers the batch again, then keeps it; nothing is skipped.
     */
    @Test
    void aMalformedRecordFailsItsBatchNamingTheRecord_A19() throws Exception {
        String json = Files.readString(CloudFormationTemplate.repositoryRoot().resolve("events/dynamodb-article-published.json"));
        String twoTypes = json.replace("\"S\": \"/articles/harbour-bridge-reopens\"", "\"S\": \"/articles/x\", \"N\": \"1\"");
        assertNotEquals(json, twoTypes);
        var refused = assertThrows(StreamRecord.MalformedException.class, () -> StreamRecord.batch(read(twoTypes)));
        assertTrue(refused.getMessage().startsWith("stream record 0 ("), refused.getMessage());
        assertTrue(refused.getMessage().contains("2 types, not one"), refused.getMessage());

        String noTitle = json.replaceFirst("\"title\": \\{[^}]*}\\s*,", "");
        assertNotEquals(json, noTitle);
        StreamRecord record = StreamRecord.batch(read(noTitle)).get(0);
        var unreadable = assertThrows(StreamRecord.MalformedException.class, () -> ArticleChange.of(record));
        assertTrue(unreadable.getMessage().contains(record.sequenceNumber()) && unreadable.getMessage().contains("not an article's record"),
                unreadable.getMessage());

        // Found by StreamRecordFuzzTest: a tag no upload could give failed later, anonymously, as its listings were read.
        String badTag = json.replace("\"slug\": {\"S\": \"transport\"}", "\"slug\": {\"S\": \"Not A Slug\"}");
        assertNotEquals(json, badTag);
        StreamRecord tagged = StreamRecord.batch(read(badTag)).get(0);
        assertThrows(StreamRecord.MalformedException.class, () -> ArticleChange.of(tagged));
    }

    private static Map<String, Object> read(String json) throws Exception {
        return Json.readEvent(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every type of attribute, as the runtime's serialisation and the SDK's transformer would give it to a {@code RequestHandler}. */
    @Test
    void recordsReadAsTheRuntimesEventClassesReadThem() throws Exception {
        String json = """
                {"Records": [
                  {"eventName": "MODIFY", "dynamodb": {
                    "Keys": {"slug": {"S": "a"}},
                    "OldImage": {"slug": {"S": "a"}, "version": {"N": "1"}},
                    "NewImage": {"slug": {"S": "a"}, "version": {"N": "2"}, "raw": {"B": "AAEC"}, "draft": {"BOOL": false},
                      "gone": {"NULL": true}, "names": {"SS": ["x", "y"]}, "sizes": {"NS": ["1", "2.5"]}, "blobs": {"BS": ["AA==", "AQ=="]},
                      "tags": {"L": [{"M": {"name": {"S": "Harbour"}, "order": {"N": "1"}}}, {"S": "loose"}, {"L": []}]},
                      "category": {"M": {"slug": {"S": "city"}, "nested": {"M": {"deep": {"BOOL": true}}}}}},
                    "SequenceNumber": "100", "StreamViewType": "NEW_AND_OLD_IMAGES"}},
                  {"eventName": "REMOVE", "dynamodb": {
                    "Keys": {"slug": {"S": "b"}},
                    "OldImage": {"slug": {"S": "b"}, "version": {"N": "3"}},
                    "SequenceNumber": "101", "StreamViewType": "NEW_AND_OLD_IMAGES"}}
                ]}""";
        List<DynamodbEvent.DynamodbStreamRecord> expected = LambdaEventSerializers
                .serializerFor(DynamodbEvent.class, getClass().getClassLoader()).fromJson(json).getRecords();
        List<StreamRecord> read = StreamRecord.batch(Json.readEvent(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));

        assertEquals(expected.size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            var want = expected.get(i);
            var got = read.get(i);
            assertEquals(want.getEventName(), got.eventName());
            assertEquals(want.getDynamodb().getSequenceNumber(), got.sequenceNumber());
            assertEquals(v2(want.getDynamodb().getKeys()), got.keys());
            assertEquals(v2(want.getDynamodb().getOldImage()), got.oldImage());
            assertEquals(v2(want.getDynamodb().getNewImage()), got.newImage());
        }
    }

    /** The SDK's attribute values of an image; an absent image reads as empty. */
    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> v2(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        return image == null ? Map.of() : DynamodbAttributeValueTransformer.toAttributeValueMapV2(image);
    }
}
