package dev.newsroom.redirects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.core.logging.LogSettings;
import dev.newsroom.testkit.LambdaContext;
import dev.newsroom.testkit.LocalJson;
import dev.newsroom.testkit.LocalKeyValueStore;
import dev.newsroom.testkit.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** The redirects function against the local key-value store, which takes only SigV4a-signed calls. */
class RedirectsOnLocalStoreIT {

    private final LocalKeyValueStore store;

    RedirectsOnLocalStoreIT() throws Exception {
        store = LocalKeyValueStore.start(Optional.empty());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private RedirectsHandler handler() {
        return new RedirectsHandler(client(store.url()), LogSettings.DEFAULT);
    }

    private static KeyValueStoreClient client(URI endpoint) {
        return new KeyValueStoreClient(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), LocalKeyValueStore.ARN, endpoint);
    }

    /** One batch of the redirects table's stream: each pair sets a redirect, each null target removes one. */
    private static ObjectNode batch(String... fromThenTo) {
        ObjectNode event = LocalJson.mapper().createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (int i = 0; i < fromThenTo.length; i += 2) {
            ObjectNode record = (ObjectNode) SampleEvents.redirectSet(fromThenTo[i], fromThenTo[i + 1] == null ? "/x" : fromThenTo[i + 1])
                    .get("Records").get(0);
            ((ObjectNode) record.get("dynamodb")).put("SequenceNumber", String.valueOf(1000 + i));
            if (fromThenTo[i + 1] == null) {
                record.put("eventName", "REMOVE");
                ObjectNode data = (ObjectNode) record.get("dynamodb");
                data.set("OldImage", data.remove("NewImage"));
            }
            records.add(record);
        }
        return event;
    }

    private static JsonNode handle(RedirectsHandler handler, ObjectNode event) throws Exception {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.toString().getBytes()), out, LambdaContext.invocationOf("redirects", 30));
        return LocalJson.mapper().readTree(out.toByteArray());
    }

    @Test
    void mirrorsTheTablesChangesIntoTheEdgesStore() throws Exception {
        String[] many = new String[2 * 120];
        for (int i = 0; i < 120; i++) {
            many[2 * i] = "/old/" + i;
            many[2 * i + 1] = "/new/" + i;
        }
        assertEquals(0, handle(handler(), batch(many)).get("batchItemFailures").size());
        assertEquals(120, store.keys().size(), "more than one UpdateKeys' worth");

        handle(handler(), batch("/old/1", null, "/old/2", "/moved/2", "/?p=42", "/blog/x/"));

        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < 120; i++) {
            expected.put("/old/" + i, "/new/" + i);
        }
        expected.remove("/old/1");
        expected.put("/old/2", "/moved/2");
        expected.put("/?p=42", "/blog/x/");
        assertEquals(expected, store.keys());
    }

    @Test
    void anotherWritersUpdateBetweenReadAndWriteIsRetriedOverTheNewVersion_K2() throws Exception {
        KeyValueStoreClient other = client(store.url());
        KeyValueStoreClient racing = client(store.url());
        String stale = racing.eTag();
        other.update(other.eTag(), Map.of("/theirs", "/t"), java.util.List.of());

        boolean conflicted = false;
        try {
            racing.update(stale, Map.of("/mine", "/m"), java.util.List.of());
        } catch (KeyValueStoreClient.ConflictException expected) {
            conflicted = true;
        }
        assertTrue(conflicted, "an update over an old version is refused");

        assertEquals(0, handle(handler(), batch("/mine", "/m")).get("batchItemFailures").size());
        assertEquals(Map.of("/theirs", "/t", "/mine", "/m"), store.keys());
    }

    @Test
    void aStoreThatCannotBeReachedFailsTheBatchForLambdaToDeliverAgain_K1() throws Exception {
        store.close();
        JsonNode response = handle(handler(), batch("/a", "/b"));

        assertEquals("1000", response.get("batchItemFailures").get(0).get("itemIdentifier").asText());
    }

    @Test
    void writesNotSignedWithSigV4aAreRefusedAsTheApiRefusesThem_K3() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var answer = http.send(java.net.http.HttpRequest.newBuilder(URI.create(store.url() + "/key-value-stores/"
                        + java.net.URLEncoder.encode(LocalKeyValueStore.ARN, "UTF-8") + "/keys"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20261206/us-east-1/cloudfront-keyvaluestore/aws4_request")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"Puts\":[{\"Key\":\"/a\",\"Value\":\"/b\"}]}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertEquals(403, answer.statusCode(), answer.body());
        assertEquals(Map.of(), store.keys());
    }
}
