package dev.newsroom.testkit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Object keys as S3 writes them in event notifications: URL-encoded, spaces as {@code +}, slashes kept. */
public final class S3EventKeys {

    private S3EventKeys() {
    }

    public static String encode(String key) {
        return Arrays.stream(key.split("/", -1))
                .map(part -> URLEncoder.encode(part, StandardCharsets.UTF_8))
                .collect(Collectors.joining("/"));
    }
}
