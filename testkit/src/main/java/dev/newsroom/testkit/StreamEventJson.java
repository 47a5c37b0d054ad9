package dev.newsroom.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/** The event Lambda's event source mapping sends for a batch of DynamoDB stream records. */
public final class StreamEventJson {

    private StreamEventJson() {
    }

    public static String of(List<Record> records, String streamArn) {
        ObjectNode root = LocalJson.mapper().createObjectNode();
        ArrayNode array = root.putArray("Records");
        for (Record record : records) {
            ObjectNode r = array.addObject();
            r.put("eventID", record.eventID());
            r.put("eventName", record.eventNameAsString());
            r.put("eventVersion", record.eventVersion());
            r.put("eventSource", record.eventSource());
            r.put("awsRegion", record.awsRegion());
            StreamRecord data = record.dynamodb();
            ObjectNode d = r.putObject("dynamodb");
            if (data.approximateCreationDateTime() != null) {
                d.put("ApproximateCreationDateTime", data.approximateCreationDateTime().getEpochSecond());
            }
            d.set("Keys", image(data.keys()));
            if (data.hasNewImage()) {
                d.set("NewImage", image(data.newImage()));
            }
            if (data.hasOldImage()) {
                d.set("OldImage", image(data.oldImage()));
            }
            d.put("SequenceNumber", data.sequenceNumber());
            d.put("SizeBytes", data.sizeBytes());
            d.put("StreamViewType", data.streamViewTypeAsString());
            r.put("eventSourceARN", streamArn);
        }
        return root.toString();
    }

    private static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode node = LocalJson.mapper().createObjectNode();
        item.forEach((name, value) -> node.set(name, value(value)));
        return node;
    }

    /** One attribute in DynamoDB's JSON: {@code {"S": "x"}}, {@code {"N": "1"}}, {@code {"M": {...}}}, ... */
    private static JsonNode value(AttributeValue v) {
        ObjectNode node = LocalJson.mapper().createObjectNode();
        switch (v.type()) {
            case S -> node.put("S", v.s());
            case N -> node.put("N", v.n());
            case B -> node.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
            case BOOL -> node.put("BOOL", v.bool());
            case NUL -> node.put("NULL", true);
            case SS -> v.ss().forEach(node.putArray("SS")::add);
            case NS -> v.ns().forEach(node.putArray("NS")::add);
            case BS -> {
                ArrayNode values = node.putArray("BS");
                v.bs().forEach(b -> values.add(Base64.getEncoder().encodeToString(b.asByteArray())));
            }
            case L -> {
                ArrayNode values = node.putArray("L");
                v.l().forEach(item -> values.add(value(item)));
            }
            case M -> node.set("M", image(v.m()));
            default -> throw new IllegalArgumentException("unknown attribute type " + v.type());
        }
        return node;
    }
}
