package dev.newsroom.bench;

import dev.newsroom.core.aws.AwsClients;
import dev.newsroom.core.config.Env;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The floor a function's cold start is measured against: in a JVM like the function's, with the
 * function's own jar, it builds the same SDK clients the same way and makes one call of each kind
 * it is given, and nothing else.
 *
 * <p>Usage: {@code ColdStartFloor TABLE SOURCE_BUCKET SOURCE_KEY SITE_BUCKET OPERATION... RESULT_JSON},
 * each operation as {@code Service:Operation} ({@code DynamoDb:GetItem}, {@code S3:HeadObject}). The
 * DynamoDB calls use TABLE, keyed by {@code key}; reads of S3 the uploaded source object, writes a
 * scratch key in SITE_BUCKET. Each call passes a built request, the form every shorthand of the
 * SDK calls, so the shrunk jar has it for every operation the function makes. The S3 client is
 * built only when an S3 operation is given. The result also holds how long binding SLF4J took
 * ({@code loggingMs}, part of {@code initMs}): the jar's provider is our JSON logger, which a
 * trivial main would not have.
 */
public final class ColdStartFloor {

    private static final Map<String, AttributeValue> KEY = Map.of("key", AttributeValue.fromS("cold-start-floor"));
    private static final String SCRATCH = "cold-start-floor.html";

    private ColdStartFloor() {
    }

    public static void main(String[] args) throws Exception {
        String table = args[0];
        String sourceBucket = args[1];
        String sourceKey = args[2];
        String siteBucket = args[3];
        List<String> operations = Arrays.asList(args).subList(4, args.length - 1);
        long start = System.nanoTime();
        // The SDK's first logger would bind SLF4J to the jar's provider, our JSON logger; bound here first, it is timed apart.
        LoggerFactory.getLogger(ColdStartFloor.class);
        long logging = System.nanoTime();
        var clients = new AwsClients(new Env(System.getenv()));
        DynamoDbClient dynamo = clients.dynamoDb();
        Object s3 = operations.stream().anyMatch(o -> o.startsWith("S3:")) ? clients.s3() : null;
        long built = System.nanoTime();
        for (String operation : operations) {
            if (operation.startsWith("S3:")) {
                S3Calls.call(operation, s3, sourceBucket, sourceKey, siteBucket);
                continue;
            }
            switch (operation) {
                case "DynamoDb:GetItem" -> dynamo.getItem(GetItemRequest.builder().tableName(table).key(KEY).build());
                case "DynamoDb:PutItem" -> dynamo.putItem(PutItemRequest.builder().tableName(table).item(KEY).build());
                case "DynamoDb:UpdateItem" -> dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(KEY)
                        .updateExpression("SET floor = :value").expressionAttributeValues(Map.of(":value", AttributeValue.fromS("x"))).build());
                case "DynamoDb:DeleteItem" -> dynamo.deleteItem(DeleteItemRequest.builder().tableName(table).key(KEY).build());
                case "DynamoDb:Query" -> dynamo.query(QueryRequest.builder().tableName(table).keyConditionExpression("#key = :key")
                        .expressionAttributeNames(Map.of("#key", "key")).expressionAttributeValues(Map.of(":key", KEY.get("key"))).build());
                case "DynamoDb:BatchGetItem" -> dynamo.batchGetItem(BatchGetItemRequest.builder().requestItems(
                        Map.of(table, KeysAndAttributes.builder().keys(List.of(KEY)).build())).build());
                case "DynamoDb:BatchWriteItem" -> dynamo.batchWriteItem(BatchWriteItemRequest.builder().requestItems(
                        Map.of(table, List.of(WriteRequest.builder().putRequest(p -> p.item(KEY)).build()))).build());
                case "DynamoDb:TransactWriteItems" -> dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(
                        List.of(TransactWriteItem.builder().put(Put.builder().tableName(table).item(KEY).build()).build())).build());
                default -> throw new IllegalArgumentException("the floor has no call for " + operation);
            }
        }
        long called = System.nanoTime();
        Files.writeString(Path.of(args[args.length - 1]), "{\"initMs\":" + (built - start) / 1e6 + ",\"invokeMs\":"
                + (called - built) / 1e6 + ",\"loggingMs\":" + (logging - start) / 1e6 + "}");
    }

    /** The S3 calls, apart, so that a function without S3 in its jar (comments) can run the rest. */
    private static final class S3Calls {

        static void call(String operation, Object client, String sourceBucket, String sourceKey, String siteBucket) throws IOException {
            S3Client s3 = (S3Client) client;
            switch (operation) {
                case "S3:GetObject" -> {
                    try (var in = s3.getObject(GetObjectRequest.builder().bucket(sourceBucket).key(sourceKey).build())) {
                        in.readAllBytes();
                    }
                }
                case "S3:HeadObject" -> s3.headObject(HeadObjectRequest.builder().bucket(sourceBucket).key(sourceKey).build());
                case "S3:PutObject" -> s3.putObject(PutObjectRequest.builder().bucket(siteBucket).key(SCRATCH).contentType("text/html").build(),
                        RequestBody.fromString("floor", StandardCharsets.UTF_8));
                case "S3:CopyObject" -> s3.copyObject(CopyObjectRequest.builder().sourceBucket(sourceBucket).sourceKey(sourceKey)
                        .destinationBucket(siteBucket).destinationKey(SCRATCH).build());
                case "S3:DeleteObject" -> s3.deleteObject(DeleteObjectRequest.builder().bucket(siteBucket).key(SCRATCH).build());
                default -> throw new IllegalArgumentException("the floor has no call for " + operation);
            }
        }
    }
}
