package dev.newsroom.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON mappers. Parse limits are far tighter than Jackson's defaults because every document
 * we read (article uploads, API bodies) is small, and hostile ones must fail fast (C3, G2); only
 * the events Lambda hands the functions, which AWS writes, are read with room for their size.
 */
public final class Json {

    public static final int MAX_DEPTH = 32;
    public static final int MAX_STRING_LENGTH = 1 << 20;
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Lambda's payload limit for an event: an API request's body may be nearly all of it. */
    public static final int MAX_EVENT_LENGTH = 6 * 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final ObjectMapper EVENTS = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_EVENT_LENGTH).build())
                    .build())
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** For the events Lambda hands a function, and its answers. */
    public static ObjectMapper events() {
        return EVENTS;
    }
}
