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

    /**
     * A record that is not what a DynamoDB stream sends, named by its place in the batch and its
     * sequence number: the one refusal of the stream functions' decoding. Such a batch fails whole,
     * so Lambda delivers it again and then keeps it in the failure queue: nothing of it is skipped.
     */
    public static final class MalformedException extends RuntimeException {
        public MalformedException(String record, String problem, Throwable cause) {
            super("stream record " + record + " is malformed: " + problem, cause);
        }
    }

    /** The records of a batch, in order. */
    public static List<StreamRecord> batch(Map<String, Object> event) {
        List<StreamRecord> records = new ArrayList<>();
        List<Object> elements = Json.array(event.get("Records"));
        for (int i = 0; i < elements.size(); i++) {
            Map<String, Object> record = Json.object(elements.get(i));
            Map<String, Object> data = Json.object(record.get("dynamodb"));
            String sequenceNumber = Json.text(data.get("SequenceNumber"), "");
            try {
                Map<String, AttributeValue> keys = item(data.get("Keys"));
                if (keys.isEmpty()) {
                    throw new IllegalArgumentException("it has no keys");
                }
                records.add(new StreamRecord(Json.text(record.get("eventName"), ""), sequenceNumber,
                        keys, item(data.get("OldImage")), item(data.get("NewImage")),
                        data.get("ApproximateCreationDateTime") instanceof Number seconds && Double.isFinite(seconds.doubleValue())
                                ? Optional.of(Instant.ofEpochMilli((long) (seconds.doubleValue() * 1000))) : Optional.empty()));
            } catch (IllegalArgumentException e) {
                throw new MalformedException(i + " (" + sequenceNumber + ")", e.getMessage(), e);
            }
        }
        return records;
    }

    /**
     * Reads one of the record's items with {@code reader}, which may assume the item is one the
     * functions wrote; anything else it trips on is this record's {@link MalformedException}.
     */
    public <T> T read(String what, java.util.function.Function<StreamRecord, T> reader) {
        try {
            return reader.apply(this);
        } catch (RuntimeException e) {
            throw new MalformedException(sequenceNumber, "it is not " + what + " record (" + e + ")", e);
        }
    }

    private static Map<String, AttributeValue> item(Object image) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        Json.object(image).forEach((name, typed) -> item.put(name, value(typed)));
        return item;
    }

    private static AttributeValue value(Object typed) {
        Map<String, Object> types = Json.object(typed);
        if (types.size() != 1) {
            throw new IllegalArgumentException("an attribute value has " + types.size() + " types, not one");
        }
        var field = types.entrySet().iterator().next();
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
