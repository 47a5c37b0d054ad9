package dev.newsroom.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** The template's policies, applied to DynamoDB requests as IAM would apply them. */
class LocalIamTest {

    private static final Map<String, AttributeValue> KEY = Map.of("slug", AttributeValue.fromS("a"));
    private final LocalIam iam = new LocalIam();

    @Test
    void allowsWhatAStatementNamesOnItsTable() {
        assertEquals(Optional.empty(), iam.denial("CommentsFunction", GetItemRequest.builder().tableName("ArticlesTable").key(KEY).build()));
    }

    @Test
    void deniesAnActionNotGrantedOnThatTable() {
        Optional<String> denial = iam.denial("CommentsFunction", DeleteItemRequest.builder().tableName("ArticlesTable").key(KEY).build());
        assertEquals(Optional.of("CommentsFunction is not authorized to perform: dynamodb:DeleteItem on resource: table/ArticlesTable"
                + " because no identity-based policy in template.yaml allows the dynamodb:DeleteItem action"), denial);
    }

    @Test
    void aQueryOfAnIndexNeedsThatIndexGranted() {
        QueryRequest.Builder query = QueryRequest.builder().tableName("CommentsTable");
        assertEquals(Optional.empty(), iam.denial("ModerationDigestFunction", query.indexName("moderation").build()));
        assertTrue(iam.denial("ModerationDigestFunction", query.indexName("byEmail").build()).isPresent());
        assertTrue(iam.denial("ModerationDigestFunction", query.indexName(null).build()).isPresent(), "the table itself is not granted Query");
    }

    @Test
    void aTransactionNeedsEachItemsActionOnEachItemsTable() {
        TransactWriteItem check = TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName("CommentsTable")
                .key(KEY).conditionExpression("attribute_exists(slug)").build()).build();
        TransactWriteItem put = TransactWriteItem.builder().put(Put.builder().tableName("ClientLimitsTable").item(KEY).build()).build();
        TransactWriteItem update = TransactWriteItem.builder().update(Update.builder().tableName("ArticlesTable").key(KEY)
                .updateExpression("SET x = :x").build()).build();
        assertEquals(Optional.empty(), iam.denial("CommentsFunction", TransactWriteItemsRequest.builder().transactItems(check, put).build()));
        assertTrue(iam.denial("CommentsFunction", TransactWriteItemsRequest.builder().transactItems(check, put, update).build())
                .orElseThrow().contains("dynamodb:UpdateItem on resource: table/ArticlesTable"));
    }

    @Test
    void s3ObjectsAreGrantedByBucketAndKeyPattern() {
        assertEquals(Optional.empty(), iam.denial("PublishFunction", PutObjectRequest.builder().bucket("site-bucket").key("articles/a.html").build()));
        assertEquals(Optional.empty(), iam.denial("PublishFunction", GetObjectRequest.builder().bucket("source-bucket").key("articles/a.md").build()),
                "the source bucket, named by its BucketName in the policy");
        assertTrue(iam.denial("PublishFunction", PutObjectRequest.builder().bucket("source-bucket").key("articles/a.md").build()).isPresent(),
                "publish never writes the editors' uploads, only its reports beside them");
        assertTrue(iam.denial("PublishFunction", HeadObjectRequest.builder().bucket("source-bucket").key("other/x").build())
                .orElseThrow().contains("s3:GetObject on resource: source-bucket/other/x"), "a HEAD needs s3:GetObject");
        assertTrue(iam.denial("CommentsFunction", GetObjectRequest.builder().bucket("site-bucket").key("articles/a.html").build()).isPresent());
    }

    @Test
    void aCopyNeedsToReadItsSourceAndWriteItsTarget() {
        CopyObjectRequest.Builder copy = CopyObjectRequest.builder().sourceBucket("source-bucket").sourceKey("assets/a.png")
                .destinationBucket("site-bucket");
        assertEquals(Optional.empty(), iam.denial("PublishFunction", copy.destinationKey("assets/a.png").build()));
        assertTrue(iam.denial("PublishFunction", copy.destinationBucket("source-bucket").destinationKey("assets/b.png").build())
                .orElseThrow().contains("s3:PutObject on resource: source-bucket/assets/b.png"));
        assertTrue(iam.denial("PublishFunction", copy.sourceKey("other/a.png").destinationBucket("site-bucket").build())
                .orElseThrow().contains("s3:GetObject on resource: source-bucket/other/a.png"));
    }

    @Test
    void actionsMatchAsIamGlobs(@TempDir Path dir) throws Exception {
        LocalIam wildcard = new LocalIam(template(dir, "dynamodb:Get*", "!GetAtt ArticlesTable.Arn"));
        assertEquals(Optional.empty(), wildcard.denial("ReaderFunction", GetItemRequest.builder().tableName("ArticlesTable").key(KEY).build()));
        assertTrue(wildcard.denial("ReaderFunction", DeleteItemRequest.builder().tableName("ArticlesTable").key(KEY).build()).isPresent());
    }

    @Test
    void refusesToStartOnAResourceItCannotRead(@TempDir Path dir) throws Exception {
        CloudFormationTemplate template = template(dir, "dynamodb:GetItem", "\"*\"");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new LocalIam(template));
        assertTrue(e.getMessage().contains("cannot read the resource *"), e.getMessage());
    }

    /** A template with the articles table and one function holding one statement. */
    private static CloudFormationTemplate template(Path dir, String action, String resource) throws Exception {
        return CloudFormationTemplate.read(Files.writeString(dir.resolve("template.yaml"), """
                Resources:
                  ArticlesTable:
                    Type: AWS::DynamoDB::Table
                  ReaderFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.reader.ReaderHandler::handleRequest
                      Policies:
                        - Statement:
                            - Effect: Allow
                              Action: %s
                              Resource: %s
                """.formatted(action, resource)));
    }

    @Test
    void tablesTheTemplateDoesNotDeclareAreNotChecked() {
        assertEquals(Optional.empty(), iam.denial("CommentsFunction", DeleteItemRequest.builder().tableName("NoSuchTable").key(KEY).build()));
    }
}
