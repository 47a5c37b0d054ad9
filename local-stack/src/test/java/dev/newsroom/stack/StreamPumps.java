package dev.newsroom.stack;

import dev.newsroom.testkit.LocalServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * For the stream mapping's tests: tables with a stream on DynamoDB Local, items {@code r01},
 * {@code r02}, … written to them, and mappings on their streams whose handler records each batch
 * it gets ({@link RecordingStreamHandler}).
 */
final class StreamPumps {

    private final LocalServices aws;
    private final DynamoDbClient dynamo;
    private final Path dataDir;

    /** @param dataDir where the mappings keep their checkpoints and failed events */
    StreamPumps(LocalServices aws, Path dataDir) {
        this.aws = aws;
        this.dynamo = aws.dynamoDb();
        this.dataDir = dataDir;
    }

    /** A table whose stream has new and old images; returns the stream's ARN. */
    String tableWithStream(String table) {
        dynamo.createTable(r -> r.tableName(table)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .billingMode("PAY_PER_REQUEST")
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        return dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
    }

    /** Writes items {@code rNN} for each of {@code ids}, one after another, each with {@code n} its number. */
    void write(String table, IntStream ids) {
        ids.forEach(i -> write(table, i, i));
    }

    /** Writes item {@code rNN} with {@code n}: a write that changes nothing would leave no stream record. */
    void write(String table, int id, int n) {
        dynamo.putItem(r -> r.tableName(table)
                .item(Map.of("id", AttributeValue.fromS(id(id)), "n", AttributeValue.fromN(Integer.toString(n)))));
    }

    /** A mapping with Lambda's defaults but for those given, reporting failed records by name. */
    static StreamSource source(String functionId, int batchSize, Duration window, int maximumRetryAttempts) {
        return new StreamSource(functionId, "Stream", "Table", "TRIM_HORIZON", batchSize, window, 1, maximumRetryAttempts, true);
    }

    /**
     * Starts the mapping on a stream; its function ({@code source}'s, which names its checkpoint)
     * records as {@code recorder} and fails as {@code behaviour} says.
     */
    StreamPump start(StreamSource source, String streamArn, String recorder, Map<String, String> behaviour) {
        Map<String, String> env = new HashMap<>(behaviour);
        env.put("NAME", recorder);
        var function = new LocalFunction(source.functionId(), RecordingStreamHandler.class.getName(), env, 30);
        StreamPump pump = new StreamPump(source, function, aws.dynamoDbStreams(), streamArn, dataDir.resolve("streams"),
                dataDir.resolve("failed-events"));
        pump.start();
        return pump;
    }

    static String id(int i) {
        return String.format("r%02d", i);
    }

    static List<String> ids(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(StreamPumps::id).toList();
    }

    /** The batches the recorder got, each as its records' ids, in the order it got them. */
    static List<List<String>> batches(String recorder) {
        return RecordingStreamHandler.BATCHES.getOrDefault(recorder, List.of());
    }

    /** Every record the recorder got, in the order it got them. */
    static List<String> delivered(String recorder) {
        return batches(recorder).stream().flatMap(List::stream).toList();
    }
}
