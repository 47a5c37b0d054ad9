package dev.newsroom.publish;

import java.util.Locale;
import java.util.Map;

/** Content types for the files editors put beside articles, by file extension. */
final class ContentTypes {

    static final String FALLBACK = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("avif", "image/avif"),
            Map.entry("svg", "image/svg+xml"), Map.entry("ico", "image/x-icon"),
            Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"), Map.entry("mp3", "audio/mpeg"),
            Map.entry("pdf", "application/pdf"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("csv", "text/csv; charset=utf-8"),
            Map.entry("woff2", "font/woff2"), Map.entry("woff", "font/woff"));

    private ContentTypes() {
    }

    static String of(String key) {
        int dot = key.lastIndexOf('.');
        if (dot < 0 || dot < key.lastIndexOf('/')) {
            return FALLBACK;
        }
        return BY_EXTENSION.getOrDefault(key.substring(dot + 1).toLowerCase(Locale.ROOT), FALLBACK);
    }
}
