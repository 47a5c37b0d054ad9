package dev.newsroom.publish;

import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.store.SiteBucket;
import dev.newsroom.core.store.SourceBucket;

/**
 * Keeps the site's {@code assets/} a copy of the source bucket's asset prefix. It converges on what
 * the source holds now rather than on what an event says, so duplicate, late or reordered events
 * all end in the same state.
 */
final class AssetMirror {

    private final SourceBucket source;
    private final SiteBucket site;
    private final String assetPrefix;

    AssetMirror(SourceBucket source, SiteBucket site, String assetPrefix) {
        this.source = source;
        this.site = site;
        this.assetPrefix = assetPrefix;
    }

    boolean handles(String key) {
        return key.startsWith(assetPrefix) && key.length() > assetPrefix.length() && !key.endsWith("/");
    }

    /** Returns what it did, for the log. */
    String sync(SourceChange change) {
        String siteKey = SiteLayout.ASSETS + change.key().substring(assetPrefix.length());
        if (source.exists(change.bucket(), change.key())) {
            site.copyAsset(change.bucket(), change.key(), siteKey, ContentTypes.of(change.key()));
            return "asset copied";
        }
        site.delete(siteKey);
        return "asset removed";
    }
}
