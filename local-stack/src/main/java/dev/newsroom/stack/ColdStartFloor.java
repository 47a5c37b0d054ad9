package dev.newsroom.stack;

import dev.newsroom.core.aws.AwsClients;
import dev.newsroom.core.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The floor a function's cold start is measured against: in a JVM like the function's, with the
 * function's own jar, it builds the same SDK clients the same way and makes one call of each kind,
 * and nothing else.
 *
 * <p>Usage: {@code ColdStartFloor TABLE [BUCKET KEY] RESULT_JSON}: a GetItem on the table, and a
 * HeadObject when a bucket is given. Each is a call the function's own code makes, so the shrunk
 * jar has it.
 */
public final class ColdStartFloor {

    private ColdStartFloor() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        var clients = new AwsClients(new Env(System.getenv()));
        var dynamo = clients.dynamoDb();
        var s3 = args.length > 2 ? clients.s3() : null;
        long built = System.nanoTime();
        dynamo.getItem(r -> r.tableName(args[0]).key(Map.of("slug", AttributeValue.fromS("cold-start-floor"))));
        if (s3 != null) {
            s3.headObject(r -> r.bucket(args[1]).key(args[2]));
        }
        long called = System.nanoTime();
        Files.writeString(Path.of(args[args.length - 1]), "{\"initMs\":" + (built - start) / 1e6 + ",\"invokeMs\":"
                + (called - built) / 1e6 + "}");
    }
}
