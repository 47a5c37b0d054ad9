package dev.newsroom.relate;

import dev.newsroom.core.store.PageVersion;
import dev.newsroom.core.store.SiteBucket;

/** Where rendered pages go: the site bucket, or a folder for a static export. */
@FunctionalInterface
interface PageSink {

    /** Writes the page at {@code key} unless a newer one, or the same bytes, are there; whether it wrote. */
    boolean write(String key, String content, String contentType, PageVersion version);

    /** The site bucket, keeping a newer page and the same bytes. */
    static PageSink writing(SiteBucket site) {
        return (key, content, type, version) -> site.write(key, content, type, version) == SiteBucket.Outcome.WRITTEN;
    }

    /** The site bucket, also rendering again over the same version: a full rebuild after a template change. */
    static PageSink rewriting(SiteBucket site) {
        return (key, content, type, version) -> site.rewrite(key, content, type, version) == SiteBucket.Outcome.WRITTEN;
    }
}
