package dev.newsroom.relate;

import dev.newsroom.core.store.PageVersion;

/** Where rendered pages go: the site bucket, or a folder for a static export. */
@FunctionalInterface
interface PageSink {

    /** Writes the page at {@code key} unless a newer one is there. */
    void write(String key, String content, String contentType, PageVersion version);
}
