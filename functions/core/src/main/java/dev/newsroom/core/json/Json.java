package dev.newsroom.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.jr.ob.JSON;
import com.fasterxml.jackson.jr.ob.JSONObjectException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reading and writing JSON, as plain maps, lists, strings, numbers and booleans, with jackson-jr:
 * it starts in a fraction of the time databind does, and every function pays that start in its
 * cold start (docs/benchmarks.md). Parse limits are far tighter than Jackson's defaults because
 * every document we read (article uploads, API bodies) is small, and hostile ones must fail fast
 * (C3, G2); only the events Lambda hands the functions, which AWS writes, are read with room for
 * their size.
 */
public final class Json {

    public static final int MAX_DEPTH = 32;
    public static final int MAX_STRING_LENGTH = 1 << 20;
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Lambda's payload limit for an event: an API request's body may be nearly all of it. */
    public static final int MAX_EVENT_LENGTH = 6 * 1024 * 1024;

    private static final JSON DOCUMENTS = on(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build());

    private static final JSON EVENTS = on(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_EVENT_LENGTH).build())
            .build());

    private static final JSON INDENTED = DOCUMENTS.with(JSON.Feature.PRETTY_PRINT_OUTPUT);

    private Json() {
    }

    /** jackson-jr on this factory, writing a map's null values as null, as an API's clients expect of a field that has no value. */
    public static JSON on(JsonFactory factory) {
        return JSON.builder(factory).enable(JSON.Feature.WRITE_NULL_PROPERTIES).build();
    }

    /** One small document, whole: anything after its value fails it, as do duplicate keys. */
    public static Object read(String text) throws IOException {
        try (JsonParser parser = DOCUMENTS.createParser(text)) {
            return whole(parser);
        }
    }

    public static Object read(byte[] bytes) throws IOException {
        try (JsonParser parser = DOCUMENTS.createParser(bytes)) {
            return whole(parser);
        }
    }

    private static Object whole(JsonParser parser) throws IOException {
        Object value = DOCUMENTS.anyFrom(parser);
        if (parser.nextToken() != null) {
            throw new JSONObjectException("unexpected content after the document's value, at " + parser.currentLocation().offsetDescription());
        }
        return value;
    }

    /** An event Lambda hands a function: always a JSON object. */
    public static Map<String, Object> readEvent(InputStream input) throws IOException {
        return EVENTS.mapFrom(input);
    }

    public static String write(Object value) {
        return write(DOCUMENTS, value);
    }

    /** For an answer a function writes back to Lambda. */
    public static byte[] writeUtf8(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    public static String writeIndented(Object value) {
        return write(INDENTED, value);
    }

    public static String write(JSON json, Object value) {
        try {
            return json.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("maps, lists and scalars always serialise", e);
        }
    }

    /** A JSON object's members; empty for anything else, absent included. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** A JSON array's elements; empty for anything else, absent included. */
    @SuppressWarnings("unchecked")
    public static List<Object> array(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    /** A string, number or boolean as text; {@code absent} for null, a missing value, an object or an array. */
    public static String text(Object value, String absent) {
        return isScalar(value) ? value.toString() : absent;
    }

    /** A string, number or boolean: what a single value in a form or a list of names may be. */
    public static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }
}
