package dev.newsroom.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.S3EventKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** S3 events shaped exactly like AWS's, as JSON: the samples in {@code events/}, retargeted at real objects. */
final class S3Events {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final AtomicLong SEQUENCE = new AtomicLong(0x0067_4000_0000_0000L);

    private S3Events() {
    }

    static Path eventFile(String name) {
        return CloudFormationTemplate.repositoryRoot().resolve("events").resolve(name);
    }

    static ObjectNode load(String name) {
        try {
            return (ObjectNode) JSON.readTree(eventFile(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh sequencer, later than every one handed out before, as S3 does per key. */
    static String nextSequencer() {
        return String.format("%018X", SEQUENCE.addAndGet(0x1_0000));
    }

    static ObjectNode created(String bucket, String key, String eTag, long size, String sequencer) {
        return event("s3-put.json", "ObjectCreated:Put", bucket, key, eTag, size, sequencer);
    }

    static ObjectNode removed(String bucket, String key, String sequencer) {
        return event("s3-delete.json", "ObjectRemoved:Delete", bucket, key, null, -1, sequencer);
    }

    private static ObjectNode event(String sample, String eventName, String bucket, String key, String eTag, long size,
                                    String sequencer) {
        ObjectNode root = load(sample);
        ObjectNode record = (ObjectNode) root.get("Records").get(0);
        record.put("eventName", eventName);
        ObjectNode s3 = (ObjectNode) record.get("s3");
        ((ObjectNode) s3.get("bucket")).put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode object = (ObjectNode) s3.get("object");
        object.put("key", S3EventKeys.encode(key)).put("sequencer", sequencer);
        if (eTag != null) {
            object.put("eTag", eTag.replace("\"", "")).put("size", size);
        }
        return root;
    }
}
