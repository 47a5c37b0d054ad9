package dev.newsroom.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a table's stream for tests: each call returns the records written since the previous one,
 * in order, as the event source mapping would deliver them. Tests hand them to a handler as the
 * event Lambda would send ({@link StreamEventJson}).
 */
public final class StreamTap {

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Map<String, String> lastSequence = new HashMap<>();

    public StreamTap(DynamoDbStreamsClient streams, String streamArn) {
        this.streams = streams;
        this.streamArn = streamArn;
    }

    public static StreamTap of(LocalServices aws, String table) {
        String arn = aws.dynamoDb().describeTable(r -> r.tableName(table)).table().latestStreamArn();
        return new StreamTap(aws.dynamoDbStreams(), arn);
    }

    public String streamArn() {
        return streamArn;
    }

    /** The new records that {@code wanted} accepts; the others are passed over for good. */
    public List<Record> read(Predicate<Record> wanted) {
        List<Record> records = new ArrayList<>();
        for (Shard shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
            String last = lastSequence.get(shard.shardId());
            String iterator = streams.getShardIterator(r -> {
                r.streamArn(streamArn).shardId(shard.shardId());
                if (last == null) {
                    r.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                } else {
                    r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(last);
                }
            }).shardIterator();
            while (iterator != null) {
                String current = iterator;
                var response = streams.getRecords(r -> r.shardIterator(current));
                if (response.records().isEmpty()) {
                    break;
                }
                for (Record record : response.records()) {
                    lastSequence.put(shard.shardId(), record.dynamodb().sequenceNumber());
                    if (wanted.test(record)) {
                        records.add(record);
                    }
                }
                iterator = response.nextShardIterator();
            }
        }
        return records;
    }
}
