package dev.newsroom.relate;

import dev.newsroom.core.store.PageVersion;
import dev.newsroom.core.store.SiteBucket;

/** Where rendered pages go: the site bucket, or a folder for a static export. */
interface PageSink {

    /**
     * Writes the page at {@code key} unless a newer one, or the same bytes, are there; whether it
     * wrote. With {@code create} false, only over a page that is there (docs/related.md on B2).
     */
    boolean write(String key, String content, String contentType, PageVersion version, boolean create);

    /** Removes the page at {@code key} unless a newer one is there; whether it removed one. A missing page is fine. */
    boolean remove(String key, PageVersion version);

    /** The site bucket, keeping a newer page and the same bytes. */
    static PageSink writing(SiteBucket site) {
        return new PageSink() {
            @Override
            public boolean write(String key, String content, String type, PageVersion version, boolean create) {
                return (create ? site.write(key, content, type, version) : site.replace(key, content, type, version))
                        == SiteBucket.Outcome.WRITTEN;
            }

            @Override
            public boolean remove(String key, PageVersion version) {
                return site.remove(key, version);
            }
        };
    }

    /** The site bucket, also rendering again over the same version: a full rebuild after a template change. */
    static PageSink rewriting(SiteBucket site) {
        return new PageSink() {
            @Override
            public boolean write(String key, String content, String type, PageVersion version, boolean create) {
                return site.rewrite(key, content, type, version) == SiteBucket.Outcome.WRITTEN;
            }

            @Override
            public boolean remove(String key, PageVersion version) {
                return site.remove(key, version);
            }
        };
    }
}
