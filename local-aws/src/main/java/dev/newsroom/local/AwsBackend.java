package dev.newsroom.local;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Somewhere S3 and DynamoDB answer: the local services here, LocalStack where Docker runs, or AWS. */
public interface AwsBackend {

    S3Client s3();

    DynamoDbClient dynamoDb();
}
