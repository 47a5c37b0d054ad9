package dev.newsroom.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON of the test kit, the local stack and the benchmarks: databind's trees, for the events they
 * build as AWS would and the files they keep. The functions read and write theirs with jackson-jr
 * ({@code core/json/Json}), which starts faster; tooling is not cold-started per event, so it keeps
 * the richer API.
 */
public final class LocalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LocalJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
