package dev.newsroom.testkit;

import java.util.List;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Somewhere S3 and DynamoDB answer: the local services here, LocalStack where Docker runs, or AWS. */
public interface AwsBackend {

    default S3Client s3() {
        return s3(List.of());
    }

    /** An S3 client whose requests pass through the given interceptors: how tests inject faults. */
    S3Client s3(List<ExecutionInterceptor> interceptors);

    DynamoDbClient dynamoDb();
}
