package dev.newsroom.core.aws;

import dev.newsroom.core.config.Env;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the SDK clients once, at init, the way Lambda wants them: the lightweight URLConnection
 * HTTP client, the region and credentials from the environment Lambda sets, no profile files.
 * Endpoints follow the SDK's own {@code AWS_ENDPOINT_URL_*} variables, which is how the local stack
 * points the same code at DynamoDB Local and S3Proxy; {@code S3_FORCE_PATH_STYLE} is for S3Proxy.
 */
public final class AwsClients {

    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(2))
            .socketTimeout(Duration.ofSeconds(10))
            .build();
    private final Region region;
    private final boolean pathStyle;

    public AwsClients(Env env) {
        this.region = Region.of(env.require("AWS_REGION"));
        this.pathStyle = Boolean.parseBoolean(env.optional("S3_FORCE_PATH_STYLE", "false"));
    }

    public DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder()
                .httpClient(http)
                .region(region)
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .build();
    }

    public S3Client s3() {
        return S3Client.builder()
                .httpClient(http)
                .region(region)
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .forcePathStyle(pathStyle)
                .build();
    }
}
