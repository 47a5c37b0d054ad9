package dev.newsroom.core.store;

import dev.newsroom.core.json.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Instant;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One record of a table's stream, as the event source mapping's batch sends it: read
 * straight from the event's JSON, whose images are in DynamoDB's own JSON ({@code {"S": "x"}},
 * {@code {"M": {...}}}, ...), into the SDK's attribute values the store reads.
 *
 * @param oldImage the item before the change; empty for an insert
 * @param newImage the item after the change; empty for a removal
 * @param created  when the change was made, to the second (the stream's {@code ApproximateCreationDateTime})
 */
public record StreamRecord(String eventName, String sequenceNumber, Map<String, AttributeValue> keys,
                    Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage, Optional<Instant> created) {

    /** The records of a batch, in order. */
    public static List<StreamRecord> batch(Map<String, Object> event) {
        List<StreamRecord> records = new ArrayList<>();
        for (Object element : Json.array(event.get("Records"))) {
            Map<String, Object> record = Json.object(element);
            Map<String, Object> data = Json.object(record.get("dynamodb"));
            records.add(new StreamRecord(Json.text(record.get("eventName"), ""), Json.text(data.get("SequenceNumber"), ""),
                    item(data.get("Keys")), item(data.get("OldImage")), item(data.get("NewImage")),
                    data.get("ApproximateCreationDateTime") instanceof Number seconds
                            ? Optional.of(Instant.ofEpochMilli((long) (seconds.doubleValue() * 1000))) : Optional.empty()));
        }
        return records;
    }

    private static Map<String, AttributeValue> item(Object image) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        Json.object(image).forEach((name, typed) -> item.put(name, value(typed)));
        return item;
    }

    private static AttributeValue value(Object typed) {
        var field = Json.object(typed).entrySet().iterator().next();
        Object v = field.getValue();
        return switch (field.getKey()) {
            case "S" -> AttributeValue.fromS(Json.text(v, ""));
            case "N" -> AttributeValue.fromN(Json.text(v, ""));
            case "B" -> AttributeValue.fromB(bytes(v));
            case "BOOL" -> AttributeValue.fromBool(Boolean.TRUE.equals(v));
            case "NULL" -> AttributeValue.fromNul(Boolean.TRUE.equals(v));
            case "SS", "NS" -> {
                List<String> texts = Json.array(v).stream().map(t -> Json.text(t, "")).toList();
                yield field.getKey().equals("SS") ? AttributeValue.fromSs(texts) : AttributeValue.fromNs(texts);
            }
            case "BS" -> AttributeValue.fromBs(Json.array(v).stream().map(StreamRecord::bytes).toList());
            case "L" -> AttributeValue.fromL(Json.array(v).stream().map(StreamRecord::value).toList());
            case "M" -> AttributeValue.fromM(item(v));
            default -> throw new IllegalArgumentException("unknown attribute type " + field.getKey());
        };
    }

    private static SdkBytes bytes(Object base64) {
        return SdkBytes.fromByteArray(Base64.getDecoder().decode(Json.text(base64, "")));
    }
}
