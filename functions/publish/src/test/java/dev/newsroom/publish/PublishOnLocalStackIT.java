package dev.newsroom.publish;

import dev.newsroom.testkit.AwsBackend;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.TemplateResources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The same publish contract against LocalStack, on machines with Docker. Without Docker it is
 * skipped; the contract still runs against the local services in {@link PublishOnLocalServicesIT}.
 */
@Testcontainers(disabledWithoutDocker = true)
class PublishOnLocalStackIT extends PublishContract {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices(Service.S3, Service.DYNAMODB);

    private static AwsBackend backend;
    private static Map<String, String> names;

    @BeforeAll
    static void createResources() throws Exception {
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()));
        var region = Region.of(LOCALSTACK.getRegion());
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(LOCALSTACK.getEndpoint())
                .region(region).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        backend = new AwsBackend() {
            @Override
            public S3Client s3(List<ExecutionInterceptor> interceptors) {
                return S3Client.builder().endpointOverride(LOCALSTACK.getEndpoint()).forcePathStyle(true)
                        .overrideConfiguration(c -> c.executionInterceptors(interceptors))
                        .region(region).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
            }

            @Override
            public DynamoDbClient dynamoDb() {
                return dynamo;
            }
        };
        names = new TemplateResources(CloudFormationTemplate.ofRepository()).create(backend);
    }

    @Override
    AwsBackend backend() {
        return backend;
    }

    @Override
    Map<String, String> names() {
        return names;
    }
}
