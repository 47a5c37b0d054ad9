package dev.newsroom.stack;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The local stack's JSON: databind's trees, for the events it builds as AWS would and the files it
 * keeps. The functions read and write theirs with jackson-jr ({@code core/json/Json}), which starts
 * faster; the stack is not cold-started per event, so it keeps the richer API.
 */
public final class StackJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StackJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
