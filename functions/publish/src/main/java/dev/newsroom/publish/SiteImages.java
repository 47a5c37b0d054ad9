package dev.newsroom.publish;

import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.EmbargoedImages;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.aws.EdgeInvalidations;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.image.ImageVariants;
import dev.newsroom.core.image.InvalidImageException;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.store.ImageStore;
import dev.newsroom.core.store.SiteBucket;
import dev.newsroom.core.store.SourceBucket;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The site's copies of the uploaded JPEGs and PNGs: each upload with its width variants beside it,
 * or none of them while the image is held back because only embargoed articles show it ({@link
 * EmbargoedImages}). Whoever changes whether an image is held (its upload's event, or an article's)
 * then brings the site in step with the image's record, and, if that changed the site, reads the
 * record again: two events crossing each other both end on the record's last word. An image is
 * on the site when its original is: the variants go on before it and come off before it, so a
 * step cut short is seen and done again by the retry.
 */
final class SiteImages {

    /** Rounds of bringing an image in step before the record's word is taken as settled; a change crossing every round is rare. */
    private static final int ROUNDS = 3;

    private final SourceBucket source;
    private final SiteBucket site;
    private final ImageStore images;
    private final EdgeInvalidations edge;
    private final Parallel parallel;
    private final String assetPrefix;

    SiteImages(SourceBucket source, SiteBucket site, ImageStore images, EdgeInvalidations edge, Parallel parallel, String assetPrefix) {
        this.source = source;
        this.site = site;
        this.images = images;
        this.edge = edge;
        this.parallel = parallel;
        this.assetPrefix = assetPrefix;
    }

    /** The key on the site of the source bucket's asset {@code sourceKey}. */
    String siteKey(String sourceKey) {
        return SiteLayout.ASSETS + sourceKey.substring(assetPrefix.length());
    }

    /**
     * Puts the image uploaded as {@code sourceKey} on the site, its variants before it, so that no
     * page offers a variant that is not there yet; an upload deleted meanwhile takes them off again.
     * Returns whether it put the image there.
     */
    boolean put(String bucket, String sourceKey, ImageVariants.Result made) {
        String siteKey = siteKey(sourceKey);
        String type = ContentTypes.of(sourceKey);
        parallel.each(made.variants(), variant -> site.putAsset(ImageVariants.variantKey(siteKey, variant.size().width()), variant.bytes(), type));
        try {
            site.copyAsset(bucket, sourceKey, siteKey, type);
            return true;
        } catch (NoSuchKeyException deleted) {
            remove(siteKey);
            return false;
        }
    }

    /** Takes the image at {@code siteKey} off the site, its variants before it. */
    void remove(String siteKey) {
        List<String> keys = ImageVariants.keysOf(siteKey);
        parallel.each(keys.subList(1, keys.size()), site::delete);
        site.delete(siteKey);
    }

    /**
     * Brings the image at {@code path} ({@code /assets/...}) on the site in step with its record,
     * which says it is {@code held} (or not) now: off the site while held; else, if its upload was
     * recorded but it is not on the site, which only a hold does, copied from the upload, with its
     * variants made again. An image whose upload is not recorded yet is left to its own event. What it
     * changes, it also drops from the edge's caches: a copy fetched before an embargo held the image,
     * or a "not found" for one probed while it was held. A held image is dropped from them each time,
     * under {@code occasion}'s name, which makes a retry's the same invalidation: one lost to a crash
     * between taking the image off and the invalidation is made by the retry.
     */
    void settle(String bucket, String path, boolean held, String occasion) {
        String siteKey = path.substring(1);
        for (int round = 1; round <= ROUNDS; round++) {
            boolean there = site.exists(siteKey);
            boolean changed = false;
            if (held && there) {
                remove(siteKey);
                changed = true;
            } else if (!held && !there && images.find(path).isPresent()) {
                changed = putFromSource(bucket, siteKey);
            }
            if (held || changed) {
                edge.invalidate(ImageVariants.keysOf(path), "image " + path + (held ? " held back" : " put back") + " for " + occasion);
            }
            if (!changed) {
                return;
            }
            boolean now = images.held(path);
            if (now == held) {
                return;
            }
            held = now;
        }
    }

    private boolean putFromSource(String bucket, String siteKey) {
        String sourceKey = assetPrefix + siteKey.substring(SiteLayout.ASSETS.length());
        Optional<byte[]> bytes = source.read(bucket, sourceKey, Optional.empty(), ImageVariants.MAX_BYTES + 1);
        if (bytes.isEmpty()) {
            return false; // not uploaded yet, or removed: its own event puts it, or took it off
        }
        try {
            return put(bucket, sourceKey, ImageVariants.process(bytes.get()));
        } catch (InvalidImageException refused) {
            return false; // replaced meanwhile by a file that is no image: its own event refuses it, with a report
        }
    }

    /**
     * Holds back, or puts on the site, the images an article's version shows, and those its previous
     * version from the same file showed ({@code showedBefore}), as its status calls for: a live
     * article's images go on the site before its page does; an embargoed one holds its images back;
     * any other lets go of what it held. A taken-down article keeps what it held, as everything else
     * of it. Safe to repeat: each image is brought in step with its record, whatever was done before.
     */
    void follow(String bucket, StoredArticle version, Set<String> showedBefore) {
        ArticleStatus status = version.status();
        if (status == ArticleStatus.WITHDRAWN) {
            return;
        }
        Set<String> shows = version.article().siteImages();
        Set<String> all = new LinkedHashSet<>(shows);
        all.addAll(showedBefore);
        String occasion = version.path() + " version " + version.version();
        parallel.each(all, path -> {
            boolean held;
            if (shows.contains(path) && status == ArticleStatus.PUBLISHED) {
                images.shownLive(path);
                held = false;
            } else if (shows.contains(path) && EmbargoedImages.holds(status)) {
                held = images.hold(path, version.sourceKey());
            } else {
                held = images.release(path, version.sourceKey());
            }
            settle(bucket, path, held, occasion);
        });
    }

    /** Lets go of what the file {@code sourceKey} held, the images its article {@code showed}: its file is gone, and another file has its address. */
    void letGo(String bucket, String sourceKey, Set<String> showed, String occasion) {
        parallel.each(showed, path -> settle(bucket, path, images.release(path, sourceKey), occasion));
    }
}
