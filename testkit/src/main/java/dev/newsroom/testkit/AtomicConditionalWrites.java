package dev.newsroom.testkit;

import java.io.InputStream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Makes S3Proxy's conditional writes atomic, as S3's are. S3Proxy checks {@code If-Match} and
 * {@code If-None-Match} and then writes, so two writers conditioned on the same ETag can both
 * succeed; S3 lets exactly one. Writes to one key are serialised here and the condition is checked
 * again inside the critical section.
 */
final class AtomicConditionalWrites extends ForwardingBlobStore {

    private final Object[] stripes = new Object[64];

    AtomicConditionalWrites(BlobStore delegate) {
        super(delegate);
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        synchronized (stripe(request.bucket(), request.key())) {
            if (request.ifMatch() != null || request.ifNoneMatch() != null) {
                HeadObjectResponse current = delegate().blobMetadataIfPresent(request.bucket(), request.key());
                boolean exists = current != null;
                boolean noneMatchFails = "*".equals(request.ifNoneMatch()) && exists;
                boolean matchFails = request.ifMatch() != null
                        && (!exists || !unquoted(request.ifMatch()).equals(unquoted(current.eTag())));
                if (noneMatchFails || matchFails) {
                    throw S3Exceptions.preconditionFailed(null);
                }
            }
            return delegate().putBlob(request, content);
        }
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        synchronized (stripe(request.bucket(), request.key())) {
            return delegate().removeBlob(request);
        }
    }

    private Object stripe(String bucket, String key) {
        return stripes[Math.floorMod((bucket + "/" + key).hashCode(), stripes.length)];
    }

    private static String unquoted(String eTag) {
        return eTag.startsWith("\"") && eTag.endsWith("\"") && eTag.length() >= 2 ? eTag.substring(1, eTag.length() - 1) : eTag;
    }
}
