package dev.newsroom.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsADocumentAsMapsListsAndScalars() throws IOException {
        Object read = Json.read("{\"title\":\"Bridge\",\"tags\":[\"a\",1,true],\"draft\":false,\"summary\":null}");
        Map<String, Object> fields = Json.object(read);
        assertEquals("Bridge", fields.get("title"));
        assertEquals(List.of("a", 1, true), Json.array(fields.get("tags")));
        assertEquals(false, fields.get("draft"));
        assertTrue(fields.containsKey("summary"), "a null field is there, as null");
        assertEquals(List.of("title", "tags", "draft", "summary"), List.copyOf(fields.keySet()), "in the document's order");
    }

    @Test
    void refusesContentAfterTheDocument_D7() {
        var e = assertThrows(IOException.class, () -> Json.read("{\"a\":1} {\"b\":2}"));
        assertTrue(e.getMessage().contains("after the document"), e.getMessage());
        assertThrows(IOException.class, () -> Json.read("{\"a\":1}]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesAKeyGivenTwice_D7() {
        assertThrows(IOException.class, () -> Json.read("{\"body\":\"a\",\"body\":\"b\"}"));
    }

    @Test
    void refusesHostileSizesQuickly_G2() {
        assertThrows(IOException.class, () -> Json.read("[".repeat(100_000) + "]".repeat(100_000)));
        char[] digits = new char[10_000];
        Arrays.fill(digits, '7');
        assertThrows(IOException.class, () -> Json.read("{\"n\":" + new String(digits) + "}"));
        assertThrows(IOException.class, () -> Json.read("\"" + "x".repeat(Json.MAX_STRING_LENGTH + 1) + "\""));
    }

    @Test
    void readsEventsWithRoomForLambdasPayloadLimit_G7() throws IOException {
        String body = "x".repeat(Json.MAX_STRING_LENGTH * 2);
        Map<String, Object> event = Json.readEvent(new ByteArrayInputStream(("{\"body\":\"" + body + "\"}").getBytes(StandardCharsets.UTF_8)));
        assertEquals(body, event.get("body"));
    }

    @Test
    void givesTextOnlyForScalars() {
        assertEquals("2.5", Json.text(2.5, "-"));
        assertEquals("true", Json.text(true, "-"));
        assertEquals("-", Json.text(null, "-"));
        assertEquals("-", Json.text(Map.of("a", 1), "-"));
        assertEquals("-", Json.text(List.of(1), "-"));
        assertEquals(Map.of(), Json.object("not an object"));
        assertEquals(List.of(), Json.array(Map.of()));
    }

    @Test
    void writesNullsAndKeepsOrder() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("statusCode", 200);
        answer.put("body", null);
        answer.put("headers", Map.of("X", "<&>"));
        assertEquals("{\"statusCode\":200,\"body\":null,\"headers\":{\"X\":\"<&>\"}}", Json.write(answer));
        assertEquals("{\n  \"a\" : [ 1 ]\n}", Json.writeIndented(Map.of("a", List.of(1))));
    }
}
