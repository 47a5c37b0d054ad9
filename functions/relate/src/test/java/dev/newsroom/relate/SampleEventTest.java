package dev.newsroom.relate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.local.CloudFormationTemplate;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The sample stream event in {@code events/} loads as the runtime loads it, and reads as intended. */
class SampleEventTest {

    @Test
    void theSampleInsertIsAPublishedArticle() throws Exception {
        String json = Files.readString(CloudFormationTemplate.repositoryRoot().resolve("events/dynamodb-article-published.json"));
        DynamodbEvent event = LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader()).fromJson(json);
        ArticleChange change = ArticleChange.of(event.getRecords().get(0));
        assertEquals("harbour-bridge-reopens", change.slug());
        assertTrue(change.before().isEmpty());
        Entry entry = Entry.of(change.after().orElseThrow()).orElseThrow();
        assertEquals(1, change.version());
        assertTrue(entry.listings().containsAll(java.util.List.of(ListingKey.HOME, ListingKey.category("city"),
                ListingKey.author("amara-okafor"), ListingKey.tag("transport"), ListingKey.tag("harbour"))));
    }
}
