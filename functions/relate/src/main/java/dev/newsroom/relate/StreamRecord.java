package dev.newsroom.relate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One record of the articles table's stream, as the event source mapping's batch sends it: read
 * straight from the event's JSON, whose images are in DynamoDB's own JSON ({@code {"S": "x"}},
 * {@code {"M": {...}}}, ...), into the SDK's attribute values the store reads.
 *
 * @param oldImage the item before the change; empty for an insert
 * @param newImage the item after the change; empty for a removal
 */
record StreamRecord(String eventName, String sequenceNumber, Map<String, AttributeValue> keys,
                    Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {

    /** The records of a batch, in order. */
    static List<StreamRecord> batch(JsonNode event) {
        List<StreamRecord> records = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            JsonNode data = record.path("dynamodb");
            records.add(new StreamRecord(record.path("eventName").asText(), data.path("SequenceNumber").asText(),
                    item(data.path("Keys")), item(data.path("OldImage")), item(data.path("NewImage"))));
        }
        return records;
    }

    private static Map<String, AttributeValue> item(JsonNode image) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        image.fields().forEachRemaining(field -> item.put(field.getKey(), value(field.getValue())));
        return item;
    }

    private static AttributeValue value(JsonNode typed) {
        var field = typed.fields().next();
        JsonNode v = field.getValue();
        return switch (field.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "B" -> AttributeValue.fromB(bytes(v));
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(v.asBoolean());
            case "SS" -> AttributeValue.fromSs(texts(v));
            case "NS" -> AttributeValue.fromNs(texts(v));
            case "BS" -> {
                List<SdkBytes> values = new ArrayList<>();
                v.forEach(b -> values.add(bytes(b)));
                yield AttributeValue.fromBs(values);
            }
            case "L" -> {
                List<AttributeValue> values = new ArrayList<>();
                v.forEach(element -> values.add(value(element)));
                yield AttributeValue.fromL(values);
            }
            case "M" -> AttributeValue.fromM(item(v));
            default -> throw new IllegalArgumentException("unknown attribute type " + field.getKey());
        };
    }

    private static SdkBytes bytes(JsonNode base64) {
        return SdkBytes.fromByteArray(Base64.getDecoder().decode(base64.asText()));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }
}
