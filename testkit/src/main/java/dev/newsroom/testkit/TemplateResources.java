package dev.newsroom.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * Creates the buckets and tables {@code template.yaml} declares, with the same keys, indexes and
 * stream settings, so local runs and tests use exactly what AWS will. Idempotent.
 * Local names are derived from logical ids: {@code ArticlesTable}, {@code site-bucket}.
 */
public final class TemplateResources {

    private final CloudFormationTemplate template;

    public TemplateResources(CloudFormationTemplate template) {
        this.template = template;
    }

    /** The local physical name of each bucket and table, by logical id; what {@code !Ref} resolves to. */
    public Map<String, String> names() {
        return names("");
    }

    /** As {@link #names()}, each name after {@code prefix}: a second set of the same resources. */
    private Map<String, String> names(String prefix) {
        Map<String, String> names = new LinkedHashMap<>();
        template.resources("AWS::S3::Bucket").keySet().forEach(id -> names.put(id, prefix + bucketName(id)));
        template.resources("AWS::DynamoDB::Table").keySet().forEach(id -> names.put(id, prefix + id));
        return names;
    }

    public Map<String, String> create(AwsBackend aws) {
        return create(aws, "");
    }

    /**
     * Creates a set of the template's buckets and tables of its own, named after {@code prefix}
     * (lower-case letters, digits and hyphens): for a test that needs a whole site to itself.
     */
    public Map<String, String> create(AwsBackend aws, String prefix) {
        Map<String, String> names = names(prefix);
        S3Client s3 = aws.s3();
        for (String id : template.resources("AWS::S3::Bucket").keySet()) {
            try {
                s3.createBucket(r -> r.bucket(names.get(id)));
            } catch (BucketAlreadyOwnedByYouException exists) {
                // created on an earlier start
            }
        }
        DynamoDbClient dynamo = aws.dynamoDb();
        template.resources("AWS::DynamoDB::Table").forEach((id, resource) -> {
            CreateTableRequest table = createTable(names.get(id), resource.path("Properties"));
            try {
                dynamo.createTable(table);
            } catch (ResourceInUseException exists) {
                addMissingIndexes(dynamo, table);
                addMissingStream(dynamo, table);
            }
        });
        return names;
    }

    /**
     * A table created on an earlier start, by an older template, gets the indexes added since, as
     * a CloudFormation update adds them on AWS; a data directory outlives template changes.
     */
    private static void addMissingIndexes(DynamoDbClient dynamo, CreateTableRequest table) {
        Set<String> present = new HashSet<>();
        dynamo.describeTable(r -> r.tableName(table.tableName())).table().globalSecondaryIndexes()
                .forEach(index -> present.add(index.indexName()));
        for (GlobalSecondaryIndex index : table.globalSecondaryIndexes()) {
            if (present.contains(index.indexName())) {
                continue;
            }
            dynamo.updateTable(r -> r.tableName(table.tableName()).attributeDefinitions(table.attributeDefinitions())
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(index.indexName()).keySchema(index.keySchema())
                            .projection(index.projection()))));
            awaitActive(dynamo, table.tableName(), index.indexName());
        }
    }

    /** A table of an earlier start whose template now gives it a stream gets it, as a CloudFormation update turns one on. */
    private static void addMissingStream(DynamoDbClient dynamo, CreateTableRequest table) {
        if (table.streamSpecification() == null) {
            return;
        }
        var present = dynamo.describeTable(r -> r.tableName(table.tableName())).table().streamSpecification();
        if (present == null || !Boolean.TRUE.equals(present.streamEnabled())) {
            dynamo.updateTable(r -> r.tableName(table.tableName()).streamSpecification(table.streamSpecification()));
        }
    }

    /** Waits, polling DescribeTable, until the new index is active: at most a minute, as DynamoDB Local backfills it. */
    private static void awaitActive(DynamoDbClient dynamo, String table, String index) {
        Waiter.builder(DescribeTableResponse.class)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(response -> response.table().globalSecondaryIndexes().stream()
                        .anyMatch(i -> i.indexName().equals(index) && i.indexStatus() == IndexStatus.ACTIVE)))
                .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(response -> true))
                .overrideConfiguration(c -> c.waitTimeout(Duration.ofMinutes(1)).maxAttempts(Integer.MAX_VALUE)
                        .backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(100))))
                .build()
                .run(() -> dynamo.describeTable(r -> r.tableName(table)));
    }

    static CreateTableRequest createTable(String name, JsonNode properties) {
        var request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.fromValue(properties.path("BillingMode").asText("PAY_PER_REQUEST")))
                .attributeDefinitions(each(properties.path("AttributeDefinitions"), d -> AttributeDefinition.builder()
                        .attributeName(d.path("AttributeName").asText())
                        .attributeType(d.path("AttributeType").asText()).build()))
                .keySchema(keySchema(properties.path("KeySchema")));
        if (properties.has("GlobalSecondaryIndexes")) {
            request.globalSecondaryIndexes(each(properties.path("GlobalSecondaryIndexes"), i -> GlobalSecondaryIndex.builder()
                    .indexName(i.path("IndexName").asText())
                    .keySchema(keySchema(i.path("KeySchema")))
                    .projection(Projection.builder()
                            .projectionType(i.path("Projection").path("ProjectionType").asText())
                            .nonKeyAttributes(each(i.path("Projection").path("NonKeyAttributes"), JsonNode::asText))
                            .build())
                    .build()));
        }
        if (properties.has("StreamSpecification")) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(properties.path("StreamSpecification").path("StreamViewType").asText()).build());
        }
        return request.build();
    }

    private static List<KeySchemaElement> keySchema(JsonNode keys) {
        return each(keys, k -> KeySchemaElement.builder()
                .attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText()).build());
    }

    private static <T> List<T> each(JsonNode array, java.util.function.Function<JsonNode, T> map) {
        List<T> out = new ArrayList<>();
        array.forEach(node -> out.add(map.apply(node)));
        return out;
    }

    static String bucketName(String logicalId) {
        return logicalId.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
