package dev.newsroom.stack;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * S3 event notifications for S3Proxy, which has none. Every write that succeeds, from any client
 * (the AWS CLI, an SDK, a browser upload), passes through here and is reported: puts, copies,
 * multipart completions, deletes and multi-object deletes.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {

    /** S3Proxy keeps multipart uploads in stub objects of its own; S3 has no such objects, so no events. */
    private static final String S3PROXY_INTERNAL = ".s3proxy-";

    /** Starts at the wall clock in microseconds, so sequencers keep growing across restarts. */
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);
    private final Consumer<ObjectChange> listener;

    NotifyingBlobStore(BlobStore delegate, Consumer<ObjectChange> listener) {
        super(delegate);
        this.listener = listener;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = delegate().putBlob(request, content);
        created(request.bucket(), request.key(), "ObjectCreated:Put");
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = delegate().copyBlob(request);
        created(request.destinationBucket(), request.destinationKey(), "ObjectCreated:Copy");
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
                                                                   CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = delegate().completeMultipartUpload(upload, request);
        created(request.bucket(), request.key(), "ObjectCreated:CompleteMultipartUpload");
        return response;
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        DeleteObjectResponse response = delegate().removeBlob(request);
        removed(request.bucket(), request.key());
        return response;
    }

    @Override
    public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
        DeleteObjectsResponse response = delegate().removeBlobs(request);
        List.copyOf(response.deleted()).forEach(deleted -> removed(request.bucket(), deleted.key()));
        return response;
    }

    private void created(String bucket, String key, String eventName) {
        HeadObjectResponse head = delegate().blobMetadataIfPresent(bucket, key);
        if (head != null) {
            report(bucket, key, eventName, head.contentLength(), unquoted(head.eTag()));
        }
    }

    private void removed(String bucket, String key) {
        report(bucket, key, "ObjectRemoved:Delete", -1, null);
    }

    private void report(String bucket, String key, String eventName, long size, String eTag) {
        if (!key.startsWith(S3PROXY_INTERNAL)) {
            listener.accept(new ObjectChange(bucket, key, eventName, size, eTag, next()));
        }
    }

    private String next() {
        return String.format("%018X", sequence.incrementAndGet());
    }

    private static String unquoted(String eTag) {
        return eTag == null ? null : eTag.replace("\"", "");
    }
}
