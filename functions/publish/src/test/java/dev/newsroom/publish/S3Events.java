package dev.newsroom.publish;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.core.json.Json;
import dev.newsroom.local.CloudFormationTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * S3 events shaped exactly like AWS's: the samples in {@code events/}, retargeted at real objects,
 * and loaded through aws-lambda-java-tests the way the Lambda runtime would deserialise them.
 */
final class S3Events {

    private static final AtomicLong SEQUENCE = new AtomicLong(0x0067_4000_0000_0000L);

    private S3Events() {
    }

    static Path eventFile(String name) {
        return CloudFormationTemplate.repositoryRoot().resolve("events").resolve(name);
    }

    static S3Event load(String name) {
        return EventLoader.loadS3Event(eventFile(name).toString());
    }

    /** A fresh sequencer, later than every one handed out before, as S3 does per key. */
    static String nextSequencer() {
        return String.format("%018X", SEQUENCE.addAndGet(0x1_0000));
    }

    static S3Event created(String bucket, String key, String eTag, long size, String sequencer) {
        return event("s3-put.json", "ObjectCreated:Put", bucket, key, eTag, size, sequencer);
    }

    static S3Event removed(String bucket, String key, String sequencer) {
        return event("s3-delete.json", "ObjectRemoved:Delete", bucket, key, null, -1, sequencer);
    }

    /** Keys in events are URL-encoded, with + for spaces; slashes stay. */
    static String encodeKey(String key) {
        return Arrays.stream(key.split("/", -1))
                .map(part -> URLEncoder.encode(part, StandardCharsets.UTF_8))
                .collect(Collectors.joining("/"));
    }

    private static S3Event event(String sample, String eventName, String bucket, String key, String eTag, long size,
                                 String sequencer) {
        try {
            ObjectNode root = (ObjectNode) Json.mapper().readTree(eventFile(sample).toFile());
            ObjectNode record = (ObjectNode) root.get("Records").get(0);
            record.put("eventName", eventName);
            ObjectNode s3 = (ObjectNode) record.get("s3");
            ((ObjectNode) s3.get("bucket")).put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
            ObjectNode object = (ObjectNode) s3.get("object");
            object.put("key", encodeKey(key)).put("sequencer", sequencer);
            if (eTag != null) {
                object.put("eTag", eTag.replace("\"", "")).put("size", size);
            }
            Path file = Files.createTempFile("s3-event", ".json");
            Json.mapper().writeValue(file.toFile(), root);
            try {
                return EventLoader.loadS3Event(file.toString());
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
