package dev.newsroom.publish;

import dev.newsroom.core.article.Problem;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.image.ImageVariants;
import dev.newsroom.core.image.InvalidImageException;
import dev.newsroom.core.image.StoredImage;
import dev.newsroom.core.store.ImageStore;
import dev.newsroom.core.store.SiteBucket;
import dev.newsroom.core.store.SourceBucket;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Keeps the site's {@code assets/} a copy of the source bucket's asset prefix. It converges on what
 * the source holds now rather than on what an event says, so duplicate, late or reordered events
 * all end in the same state. A JPEG or PNG also gets its width variants beside it, and its size and
 * theirs are recorded for the pages that show it ({@link ImageVariants}), and the articles that were
 * published before it arrived are read again; one that cannot be read as an image, or would decode
 * too large, is refused with a report, and what the site had stays. One that only embargoed
 * articles show is recorded but held back from the site ({@link SiteImages}).
 */
final class AssetMirror {

    private final SourceBucket source;
    private final SiteBucket site;
    private final SiteImages siteImages;
    private final ImageStore images;
    private final BiFunction<String, String, Publisher.Result> readAgain;
    private final PublishReports reports;
    private final Parallel parallel;
    private final String assetPrefix;
    private final Clock clock;

    /** @param readAgain reads an article's file again, by its bucket and key: one that waited for an image */
    AssetMirror(SourceBucket source, SiteBucket site, SiteImages siteImages, ImageStore images,
                BiFunction<String, String, Publisher.Result> readAgain, PublishReports reports, Parallel parallel, String assetPrefix, Clock clock) {
        this.source = source;
        this.site = site;
        this.siteImages = siteImages;
        this.images = images;
        this.readAgain = readAgain;
        this.reports = reports;
        this.parallel = parallel;
        this.assetPrefix = assetPrefix;
        this.clock = clock;
    }

    boolean handles(String key) {
        return key.startsWith(assetPrefix) && key.length() > assetPrefix.length() && !key.endsWith("/");
    }

    /**
     * The upgrade from a version without width variants: every JPEG and PNG of the asset prefix
     * after {@code after} that has no recorded size is read as if uploaded now, by key, until
     * {@code until}; safe to run again.
     */
    Publisher.Progress sizeImagesUploadedBefore(String bucket, String after, Instant until) {
        List<String> candidates = source.keys(bucket, assetPrefix).stream().filter(ImageVariants::handles)
                .filter(key -> key.compareTo(after) > 0).sorted().toList();
        List<String> unsized = parallel.map(candidates, key -> images.find("/" + siteImages.siteKey(key))
                .isEmpty() ? Optional.of(key) : Optional.<String>empty()).stream().flatMap(Optional::stream).toList();
        // The lowest sequencer: any upload's own event orders after this reading.
        int done = parallel.prefixUntil(unsized, Publisher.UPGRADE_CHUNK,
                key -> sync(new SourceChange(bucket, key, true, "", Optional.empty(), Optional.empty())), until);
        return Publisher.Progress.of(unsized, done, key -> key, after);
    }

    /** Returns what it did, for the log. */
    Publisher.Result sync(SourceChange change) {
        String siteKey = siteImages.siteKey(change.key());
        boolean image = ImageVariants.handles(change.key());
        if (!source.exists(change.bucket(), change.key())) {
            if (image) {
                siteImages.remove(siteKey);
                images.forget("/" + siteKey, change.sequencer());
            } else {
                site.delete(siteKey);
            }
            reports.clear(change.bucket(), change.key());
            return new Publisher.Result("asset removed", Optional.empty());
        }
        if (!image) {
            site.copyAsset(change.bucket(), change.key(), siteKey, ContentTypes.of(change.key()));
            return new Publisher.Result("asset copied", Optional.empty());
        }
        Optional<byte[]> bytes = source.read(change.bucket(), change.key(), change.eTag(), ImageVariants.MAX_BYTES + 1);
        if (bytes.isEmpty()) {
            return new Publisher.Result("superseded: the object has changed since this event", Optional.empty());
        }
        ImageVariants.Result made;
        try {
            made = ImageVariants.process(bytes.get());
        } catch (InvalidImageException e) {
            reports.rejected(change.bucket(), change.key(), List.of(new Problem("image", e.getMessage())), clock.instant());
            return new Publisher.Result("image refused: " + e.getMessage(), Optional.empty(), Publisher.Counted.REFUSED);
        }
        String path = "/" + siteKey;
        // On the site before its record, so that no page offers it before it is there; unless an embargo holds it back.
        boolean held = images.held(path);
        if (!held) {
            siteImages.put(change.bucket(), change.key(), made);
        }
        ImageStore.Recorded recorded = images.record(path, change.sequencer(), StoredImage.of(made));
        if (recorded.held() != held) {
            // An article held it back, or let go of it, meanwhile.
            siteImages.settle(change.bucket(), path, recorded.held(), "upload " + change.sequencer());
        }
        Set<String> waiting = recorded.waiting();
        // The articles published before it was here are read again, now with its size and variants. An
        // article's own bucket is the source bucket of its image: one bucket holds both.
        // Each is forgotten as it is read, so a retry after a timeout goes on where this one stopped.
        parallel.each(waiting, sourceKey -> {
            readAgain.apply(change.bucket(), sourceKey);
            images.served(path, Set.of(sourceKey));
        });
        reports.clear(change.bucket(), change.key());
        return new Publisher.Result("image " + (recorded.held() ? "held back while only embargoed articles show it" : "copied") + ", "
                + made.size().width() + " × " + made.size().height() + ", with "
                + made.variants().size() + " width variant(s)" + (waiting.isEmpty() ? "" : "; " + waiting.size()
                + " article(s) that waited for it published again"), Optional.empty());
    }
}
