package dev.newsroom.publish;

import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.EmbargoedImages;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.image.ImageVariants;
import dev.newsroom.core.image.InvalidImageException;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.store.ImageStore;
import dev.newsroom.core.store.SiteBucket;
import dev.newsroom.core.store.SourceBucket;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The site's copies of the uploaded JPEGs and PNGs: each upload with its width variants beside it,
 * or none of them while the image is held back because only embargoed articles show it ({@link
 * EmbargoedImages}). Whoever changes whether an image is held (its upload's event, or an article's)
 * then brings the site in step with the image's record, and reads the record again afterwards: two
 * events crossing each other both end on the record's last word.
 */
final class SiteImages {

    /** Rounds of bringing an image in step before the record's word is taken as settled; a change crossing every round is rare. */
    private static final int ROUNDS = 3;

    private final SourceBucket source;
    private final SiteBucket site;
    private final ImageStore images;
    private final Parallel parallel;
    private final String assetPrefix;

    SiteImages(SourceBucket source, SiteBucket site, ImageStore images, Parallel parallel, String assetPrefix) {
        this.source = source;
        this.site = site;
        this.images = images;
        this.parallel = parallel;
        this.assetPrefix = assetPrefix;
    }

    /** The key on the site of the source bucket's asset {@code sourceKey}. */
    String siteKey(String sourceKey) {
        return SiteLayout.ASSETS + sourceKey.substring(assetPrefix.length());
    }

    /** Puts the image uploaded as {@code sourceKey} on the site, its variants before it, so that no page offers a variant not there yet. */
    void put(String bucket, String sourceKey, ImageVariants.Result made) {
        String siteKey = siteKey(sourceKey);
        String type = ContentTypes.of(sourceKey);
        parallel.each(made.variants(), variant -> site.putAsset(ImageVariants.variantKey(siteKey, variant.size().width()), variant.bytes(), type));
        site.copyAsset(bucket, sourceKey, siteKey, type);
    }

    /** Takes the image at {@code siteKey} and its variants off the site. */
    void remove(String siteKey) {
        parallel.each(ImageVariants.keysOf(siteKey), site::delete);
    }

    /**
     * Brings the image at {@code path} ({@code /assets/...}) on the site in step with whether its record
     * holds it back: off the site while held, else copied from its upload, if there is one, with its
     * variants made again.
     */
    void settle(String bucket, String path) {
        boolean held = images.held(path);
        for (int round = 1; round <= ROUNDS; round++) {
            if (held) {
                remove(path.substring(1));
            } else {
                putFromSource(bucket, path);
            }
            boolean now = images.held(path);
            if (now == held) {
                return;
            }
            held = now;
        }
    }

    private void putFromSource(String bucket, String path) {
        String sourceKey = assetPrefix + path.substring(1 + SiteLayout.ASSETS.length());
        Optional<byte[]> bytes = source.read(bucket, sourceKey, Optional.empty(), ImageVariants.MAX_BYTES + 1);
        if (bytes.isEmpty()) {
            return; // not uploaded yet, or removed: its own event puts it, or took it off
        }
        try {
            put(bucket, sourceKey, ImageVariants.process(bytes.get()));
        } catch (InvalidImageException refused) {
            // Its own upload's event refused it, with a report to the editor; the site never had it.
        }
    }

    /**
     * Holds back, or puts on the site, the images an article's new version shows ({@code shows}) and
     * its previous version of the same file showed ({@code showedBefore}), as its status calls for: a
     * live article's images go on the site before its page does; an embargoed one holds its images
     * back; any other lets go of what it held. A taken-down article changes nothing of its images.
     */
    void follow(String bucket, String sourceKey, ArticleStatus status, Set<String> shows, Set<String> showedBefore) {
        if (status == ArticleStatus.WITHDRAWN) {
            return;
        }
        Set<String> all = new LinkedHashSet<>(shows);
        all.addAll(showedBefore);
        parallel.each(all, path -> {
            boolean changed;
            if (shows.contains(path) && status == ArticleStatus.PUBLISHED) {
                changed = images.shownLive(path);
            } else if (shows.contains(path) && EmbargoedImages.holds(status)) {
                changed = images.hold(path, sourceKey);
            } else {
                changed = images.release(path, sourceKey);
            }
            if (changed) {
                settle(bucket, path);
            }
        });
    }
}
