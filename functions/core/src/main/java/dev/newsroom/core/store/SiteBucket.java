package dev.newsroom.core.store;

import dev.newsroom.core.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The bucket the CDN serves. Pages carry the {@link PageVersion} they were rendered from, and a
 * write replaces a page only if it is newer, with S3's conditional writes closing the race between
 * check and write: an older render never overwrites a newer page (B2). Pages also carry their
 * bytes' digest, and a newer render with the same bytes is not written: most pages a change
 * renders again (an archive's neighbours, a feed an old article's edit leaves alone) come out the same.
 */
public final class SiteBucket {

    /** HTML: browsers keep it a minute, the CDN may serve it stale while it fetches the new one. */
    public static final String HTML_CACHE = "public, max-age=60, stale-while-revalidate=300, stale-if-error=86400";
    /** Assets never change under one name; a new image gets a new name. */
    public static final String ASSET_CACHE = "public, max-age=31536000, immutable";
    public static final String HTML_TYPE = "text/html; charset=utf-8";
    static final String VERSION_METADATA = "page-version";
    static final String DIGEST_METADATA = "page-sha256";
    private static final int ATTEMPTS = 5;

    /**
     * After a write: the page was written; or it was not, because the page there has this version
     * or these bytes already; or because a newer page is there and stays; or because there was no
     * page to replace (see {@link #replace}).
     */
    public enum Outcome { WRITTEN, UNCHANGED, KEPT_NEWER, ABSENT }

    /**
     * A page as the bucket holds it: the version a write compares with, its bytes' digest (empty for
     * a page written before pages carried one), and the ETag its replacement must match.
     */
    public record Page(PageVersion version, String digest, String eTag) {
    }

    private final S3Client s3;
    private final String bucket;
    private final Consumer<String> changed;

    public SiteBucket(S3Client s3, String bucket) {
        this(s3, bucket, key -> {
        });
    }

    /** A bucket that tells {@code changed} the key of each page it writes or removes. */
    public SiteBucket(S3Client s3, String bucket, Consumer<String> changed) {
        this.s3 = s3;
        this.bucket = bucket;
        this.changed = changed;
    }

    public Outcome writePage(String key, String html, PageVersion version) {
        return write(key, html, HTML_TYPE, version);
    }

    /** Writes an HTML page, rendering it only if no page of this version or newer is there. */
    public Outcome writePage(String key, Supplier<String> html, PageVersion version) {
        return writePage(key, html, version, page(key));
    }

    /** As {@link #writePage(String, Supplier, PageVersion)}, from the page as just read: no need to read it again. */
    public Outcome writePage(String key, Supplier<String> html, PageVersion version, Optional<Page> current) {
        return write(key, html, HTML_TYPE, version, false, current, true);
    }

    /** Writes a page of any type (HTML, a feed, a sitemap) unless a newer one is there. */
    public Outcome write(String key, String content, String contentType, PageVersion version) {
        return write(key, () -> content, contentType, version, false, page(key), true);
    }

    /**
     * As {@link #write}, but only over a page that is there: a render that must not bring back a
     * page removed meanwhile (docs/related.md on B2).
     */
    public Outcome replace(String key, String content, String contentType, PageVersion version) {
        return write(key, () -> content, contentType, version, false, page(key), false);
    }

    /** As {@link #write}, but also over a page of the same version: a full rebuild after a template change. */
    public Outcome rewrite(String key, String content, String contentType, PageVersion version) {
        return write(key, () -> content, contentType, version, true, page(key), true);
    }

    /**
     * Removes the page rendered from {@code version} or older, so that readers get the 404 page; a
     * newer page stays, as with writes (B2). Safe to repeat: a missing page is fine. Returns whether
     * it removed one.
     */
    public boolean remove(String key, PageVersion version) {
        for (int attempt = 1; ; attempt++) {
            Optional<Page> current = page(key);
            if (current.isEmpty() || current.get().version().compareTo(version) > 0) {
                return false;
            }
            try {
                s3.deleteObject(r -> r.bucket(bucket).key(key).ifMatch(current.get().eTag()));
                changed.accept(key);
                return true;
            } catch (S3Exception e) {
                // Replaced (or removed) since it was read: look again.
                boolean lostRace = e.statusCode() == 412 || e.statusCode() == 409 || e.statusCode() == 404;
                if (!lostRace || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** {@code seen} is the page as read before the first attempt; each retry reads it again. */
    private Outcome write(String key, Supplier<String> content, String contentType, PageVersion version, boolean sameToo,
                          Optional<Page> seen, boolean create) {
        byte[] bytes = null;
        String digest = null;
        for (int attempt = 1; ; attempt++) {
            Optional<Page> current = attempt == 1 ? seen : page(key);
            if (current.isEmpty() && !create) {
                return Outcome.ABSENT;
            }
            PageVersion stored = current.map(Page::version).orElse(PageVersion.NONE);
            int order = stored.compareTo(version);
            if (order > 0) {
                return Outcome.KEPT_NEWER;
            }
            if (order == 0 && !sameToo) {
                // Already written: by an earlier attempt of ours, or by a writer rendering the same version.
                return Outcome.UNCHANGED;
            }
            if (bytes == null) {
                bytes = content.get().getBytes(StandardCharsets.UTF_8);
                digest = Sha256.hex(bytes);
            }
            if (current.isPresent() && current.get().digest().equals(digest)) {
                // Readers would get the same bytes. The older version stays on the page: see docs/related.md on B2.
                return Outcome.UNCHANGED;
            }
            var put = PutObjectRequest.builder().bucket(bucket).key(key)
                    .contentType(contentType).cacheControl(HTML_CACHE)
                    .metadata(Map.of(VERSION_METADATA, version.toString(), DIGEST_METADATA, digest));
            current.ifPresentOrElse(c -> put.ifMatch(c.eTag()), () -> put.ifNoneMatch("*"));
            try {
                s3.putObject(put.build(), RequestBody.fromBytes(bytes));
                changed.accept(key);
                return Outcome.WRITTEN;
            } catch (S3Exception e) {
                // 404: the page was removed since it was read (If-Match on a missing key).
                boolean lostRace = e.statusCode() == 412 || e.statusCode() == 409 || e.statusCode() == 404;
                if (!lostRace || attempt == ATTEMPTS) {
                    throw e;
                }
            } catch (SdkClientException e) {
                // A refusal may come before the body is sent (a lost race) and end the connection: look again.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The page at {@code key}, if there is one. */
    public Optional<Page> page(String key) {
        return head(key).map(head -> {
            String value = head.metadata().get(VERSION_METADATA);
            return new Page(value == null ? PageVersion.NONE : PageVersion.parse(value),
                    head.metadata().getOrDefault(DIGEST_METADATA, ""), head.eTag());
        });
    }

    /** Writes one of our own assets, named by its content, unless it is there already. */
    public void ensureAsset(String key, String content, String contentType) {
        if (head(key).isEmpty()) {
            s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType).cacheControl(ASSET_CACHE),
                    RequestBody.fromString(content, StandardCharsets.UTF_8));
        }
    }

    /**
     * Writes one of the site's own files ({@code robots.txt}, its icons) unless it holds exactly
     * {@code content} already, as its digest in the object's metadata says; true if it wrote.
     */
    public boolean putIfChanged(String key, byte[] content, String contentType) {
        String digest = Sha256.hex(content);
        if (head(key).map(h -> digest.equals(h.metadata().get(DIGEST_METADATA))).orElse(false)) {
            return false;
        }
        s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType).cacheControl(HTML_CACHE)
                .metadata(Map.of(DIGEST_METADATA, digest)), RequestBody.fromBytes(content));
        return true;
    }

    /** Writes an asset made from an upload (an image's width variant), cached as assets are. */
    public void putAsset(String key, byte[] content, String contentType) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType).cacheControl(ASSET_CACHE), RequestBody.fromBytes(content));
    }

    public void copyAsset(String sourceBucket, String sourceKey, String key, String contentType) {
        s3.copyObject(r -> r.sourceBucket(sourceBucket).sourceKey(sourceKey)
                .destinationBucket(bucket).destinationKey(key)
                .metadataDirective(MetadataDirective.REPLACE)
                .contentType(contentType).cacheControl(ASSET_CACHE));
    }

    public void delete(String key) {
        s3.deleteObject(r -> r.bucket(bucket).key(key));
    }

    public boolean exists(String key) {
        return head(key).isPresent();
    }

    private Optional<HeadObjectResponse> head(String key) {
        return Lookups.head(s3, bucket, key);
    }
}
