package dev.newsroom.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The bucket editors upload to. Reads are bounded, and pinned to the version an event announced. */
public final class SourceBucket {

    private final S3Client s3;

    public SourceBucket(S3Client s3) {
        this.s3 = s3;
    }

    /**
     * The object's bytes, at most {@code limit + 1} of them (enough to tell it is too big), if it
     * still has the given ETag. Empty when it has since been replaced or deleted: a later event
     * describes what is there now.
     */
    public Optional<byte[]> read(String bucket, String key, Optional<String> eTag, int limit) {
        var request = GetObjectRequest.builder().bucket(bucket).key(key);
        // S3 events carry the ETag bare; the If-Match header wants it quoted.
        eTag.map(tag -> tag.startsWith("\"") ? tag : "\"" + tag + "\"").ifPresent(request::ifMatch);
        try (InputStream in = s3.getObject(request.build())) {
            return Optional.of(in.readNBytes(limit + 1));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading s3://" + bucket + "/" + key, e);
        }
    }

    /** Every key under {@code prefix}, page by page. */
    public java.util.List<String> keys(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                .map(software.amazon.awssdk.services.s3.model.S3Object::key).toList();
    }

    public boolean exists(String bucket, String key) {
        return Lookups.head(s3, bucket, key).isPresent();
    }

    public void writeJson(String bucket, String key, String json) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/json; charset=utf-8"),
                RequestBody.fromString(json, StandardCharsets.UTF_8));
    }

    public void delete(String bucket, String key) {
        s3.deleteObject(r -> r.bucket(bucket).key(key));
    }
}
