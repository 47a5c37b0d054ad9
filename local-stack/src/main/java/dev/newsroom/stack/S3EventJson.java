package dev.newsroom.stack;

import dev.newsroom.testkit.LocalJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.testkit.S3EventKeys;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** The notification S3 sends to Lambda, field for field (event structure version 2.1). */
final class S3EventJson {

    private S3EventJson() {
    }

    static String of(ObjectChange change, String configurationId, String region, Instant at) {
        ObjectNode root = LocalJson.mapper().createObjectNode();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", at.toString());
        record.put("eventName", change.eventName());
        record.putObject("userIdentity").put("principalId", "AWS:LOCAL");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        record.putObject("responseElements")
                .put("x-amz-request-id", randomHex(8))
                .put("x-amz-id-2", randomHex(32));
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        s3.putObject("bucket")
                .put("name", change.bucket())
                .put("arn", "arn:aws:s3:::" + change.bucket())
                .putObject("ownerIdentity").put("principalId", "LOCAL");
        ObjectNode object = s3.putObject("object");
        object.put("key", S3EventKeys.encode(change.key()));
        if (change.created()) {
            object.put("size", change.size());
            object.put("eTag", change.eTag());
        }
        object.put("sequencer", change.sequencer());
        return root.toString();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().withUpperCase().formatHex(random);
    }
}
