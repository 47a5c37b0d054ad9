package dev.newsroom.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.LocalServices;
import dev.newsroom.testkit.TemplateResources;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The template's tables on a data directory that an older template created. */
class TemplateResourcesIT {

    @Test
    void aTableAnOlderTemplateCreatedGetsTheIndexesAddedSince() throws Exception {
        try (LocalServices aws = LocalServices.start(Optional.empty())) {
            DynamoDbClient dynamo = aws.dynamoDb();
            // The articles table as it was before the translations index.
            dynamo.createTable(r -> r.tableName("older-ArticlesTable").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute("slug", ScalarAttributeType.S), attribute("feedKey", ScalarAttributeType.S),
                            attribute("publishedAt", ScalarAttributeType.N))
                    .keySchema(k -> k.attributeName("slug").keyType(KeyType.HASH))
                    .globalSecondaryIndexes(i -> i.indexName("latest").projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                            .keySchema(k -> k.attributeName("feedKey").keyType(KeyType.HASH),
                                    k -> k.attributeName("publishedAt").keyType(KeyType.RANGE))));

            new TemplateResources(CloudFormationTemplate.ofRepository()).create(aws, "older-");
            new TemplateResources(CloudFormationTemplate.ofRepository()).create(aws, "older-"); // and again: nothing to add

            Set<String> indexes = dynamo.describeTable(r -> r.tableName("older-ArticlesTable")).table().globalSecondaryIndexes()
                    .stream().filter(i -> i.indexStatus() == IndexStatus.ACTIVE)
                    .map(GlobalSecondaryIndexDescription::indexName).collect(Collectors.toSet());
            assertEquals(Set.of("latest", "translations"), indexes, "both there and active");
            assertEquals(0, dynamo.query(r -> r.tableName("older-ArticlesTable").indexName("translations")
                    .keyConditionExpression("translationKey = :k")
                    .expressionAttributeValues(java.util.Map.of(":k", AttributeValue.fromS("none")))).count(), "and the new one answers");
        }
    }

    @Test
    void aTableAnOlderTemplateCreatedWithoutAStreamGetsTheOneTheTemplateNowGivesIt() throws Exception {
        try (LocalServices aws = LocalServices.start(Optional.empty())) {
            DynamoDbClient dynamo = aws.dynamoDb();
            // The comments table as it was before the comment pages function read its stream.
            dynamo.createTable(r -> r.tableName("streamless-CommentsTable").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute("slug", ScalarAttributeType.S), attribute("commentId", ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("slug").keyType(KeyType.HASH), k -> k.attributeName("commentId").keyType(KeyType.RANGE)));

            new TemplateResources(CloudFormationTemplate.ofRepository()).create(aws, "streamless-");
            new TemplateResources(CloudFormationTemplate.ofRepository()).create(aws, "streamless-"); // and again: nothing to add

            var table = dynamo.describeTable(r -> r.tableName("streamless-CommentsTable")).table();
            assertEquals(Boolean.TRUE, table.streamSpecification().streamEnabled());
            assertEquals("NEW_AND_OLD_IMAGES", table.streamSpecification().streamViewTypeAsString());
        }
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }
}
