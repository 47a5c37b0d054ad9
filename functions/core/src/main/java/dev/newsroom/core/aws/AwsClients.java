package dev.newsroom.core.aws;

import dev.newsroom.core.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the SDK clients once, at init, the way Lambda wants them: the lightweight URLConnection
 * HTTP client, and region and credentials from the variables Lambda sets in the function's
 * environment, with no profile files or metadata lookups. Credentials are the keys in
 * {@code AWS_ACCESS_KEY_ID} and so on, except under SnapStart, where Lambda gives a credentials
 * endpoint instead ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}): those are fetched when first
 * needed and again when they expire, so a snapshot never keeps them past their time. Endpoints follow the SDK's standard
 * {@code AWS_ENDPOINT_URL_S3} and {@code AWS_ENDPOINT_URL_DYNAMODB} when present (never on AWS;
 * the local stack points them at S3Proxy and DynamoDB Local); {@code S3_FORCE_PATH_STYLE} is for S3Proxy.
 */
public final class AwsClients {

    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(2))
            .socketTimeout(Duration.ofSeconds(10))
            .build();
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final Optional<URI> s3Endpoint;
    private final Optional<URI> dynamoEndpoint;
    private final boolean pathStyle;

    public AwsClients(Env env) {
        this.region = Region.of(env.require("AWS_REGION"));
        this.credentials = env.optional("AWS_CONTAINER_CREDENTIALS_FULL_URI").isPresent()
                ? ContainerCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(keys(env));
        this.s3Endpoint = env.optional("AWS_ENDPOINT_URL_S3").map(URI::create);
        this.dynamoEndpoint = env.optional("AWS_ENDPOINT_URL_DYNAMODB").map(URI::create);
        this.pathStyle = Boolean.parseBoolean(env.optional("S3_FORCE_PATH_STYLE", "false"));
    }

    private static AwsCredentials keys(Env env) {
        String keyId = env.require("AWS_ACCESS_KEY_ID");
        String secret = env.require("AWS_SECRET_ACCESS_KEY");
        return env.optional("AWS_SESSION_TOKEN")
                .<AwsCredentials>map(token -> AwsSessionCredentials.create(keyId, secret, token))
                .orElseGet(() -> AwsBasicCredentials.create(keyId, secret));
    }

    /** The shared HTTP client, region and credentials, for clients of other services. */
    public SdkHttpClient http() {
        return http;
    }

    public Region region() {
        return region;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    public DynamoDbClient dynamoDb() {
        var builder = DynamoDbClient.builder().httpClient(http).region(region).credentialsProvider(credentials);
        dynamoEndpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public S3Client s3() {
        var builder = S3Client.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .forcePathStyle(pathStyle);
        s3Endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
