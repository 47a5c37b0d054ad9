package dev.newsroom.migrate;

import dev.newsroom.core.concurrent.Parallel;
import java.io.PrintWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Puts an import's files in the source bucket, several at once, with a progress line. A file whose
 * object already holds the same bytes (the same MD5 ETag) is left alone, so importing twice changes
 * nothing and triggers no publishing.
 */
public final class SourceUploader {

    private static final int IN_FLIGHT = 8;

    /** What an upload did. */
    public record Summary(int written, int unchanged) {
    }

    private final S3Client s3;
    private final String bucket;

    public SourceUploader(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public Summary upload(List<ImportPlan.Upload> uploads, PrintWriter progress) {
        AtomicInteger done = new AtomicInteger();
        AtomicInteger written = new AtomicInteger();
        Parallel.of(IN_FLIGHT).each(uploads, upload -> {
            if (!etag(upload.key()).equals(Optional.of(md5(upload.bytes())))) {
                s3.putObject(b -> b.bucket(bucket).key(upload.key()), RequestBody.fromBytes(upload.bytes()));
                written.incrementAndGet();
            }
            int count = done.incrementAndGet();
            if (count % 25 == 0 || count == uploads.size()) {
                progress.printf("\ruploaded %d of %d files", count, uploads.size());
                progress.flush();
            }
        });
        progress.println();
        return new Summary(written.get(), uploads.size() - written.get());
    }

    /** What S3 gives as the ETag of an object put in one request. */
    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    private Optional<String> etag(String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)).eTag().replace("\"", ""));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}
