package dev.newsroom.stack;

import dev.newsroom.testkit.LocalJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.LocalServices;
import dev.newsroom.testkit.TemplateResources;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/** S3 event notifications: which writes are reported, how, and to which function. */
class NotificationPlumbingIT {

    private final CloudFormationTemplate template = CloudFormationTemplate.ofRepository();
    private final Map<String, String> names = new TemplateResources(template).names();

    NotificationPlumbingIT() throws Exception {
    }

    @Test
    void everyWriteOfEveryKindIsReported() throws Exception {
        List<ObjectChange> changes = new CopyOnWriteArrayList<>();
        try (LocalServices aws = LocalServices.start(Optional.empty(), blobs -> new NotifyingBlobStore(blobs, changes::add))) {
            S3Client s3 = aws.s3();
            s3.createBucket(r -> r.bucket("plumbing"));
            s3.putObject(r -> r.bucket("plumbing").key("articles/a.md"), RequestBody.fromString("one"));
            s3.putObject(r -> r.bucket("plumbing").key("articles/a.md"), RequestBody.fromString("two!"));
            s3.copyObject(r -> r.sourceBucket("plumbing").sourceKey("articles/a.md").destinationBucket("plumbing").destinationKey("articles/c.md"));
            String upload = s3.createMultipartUpload(r -> r.bucket("plumbing").key("articles/big.md")).uploadId();
            String part = s3.uploadPart(r -> r.bucket("plumbing").key("articles/big.md").uploadId(upload).partNumber(1),
                    RequestBody.fromString("multipart")).eTag();
            s3.completeMultipartUpload(r -> r.bucket("plumbing").key("articles/big.md").uploadId(upload)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(part).build())));
            s3.deleteObject(r -> r.bucket("plumbing").key("articles/a.md"));
            s3.deleteObjects(r -> r.bucket("plumbing").delete(d -> d.objects(
                    ObjectIdentifier.builder().key("articles/c.md").build(),
                    ObjectIdentifier.builder().key("articles/big.md").build())));
        }
        List<String> seen = changes.stream().map(c -> c.eventName() + " " + c.key()).toList();
        assertEquals(List.of(
                "ObjectCreated:Put articles/a.md",
                "ObjectCreated:Put articles/a.md",
                "ObjectCreated:Copy articles/c.md",
                "ObjectCreated:CompleteMultipartUpload articles/big.md",
                "ObjectRemoved:Delete articles/a.md"), seen.subList(0, 5));
        assertEquals(Set.of("ObjectRemoved:Delete articles/c.md", "ObjectRemoved:Delete articles/big.md"),
                Set.copyOf(seen.subList(5, 7)));
        assertEquals(3, changes.get(0).size());
        assertEquals(4, changes.get(1).size(), "the overwrite reports the new object");
        assertFalse(changes.get(0).eTag().equals(changes.get(1).eTag()));
        for (int i = 1; i < changes.size(); i++) {
            assertTrue(changes.get(i).sequencer().compareTo(changes.get(i - 1).sequencer()) > 0, "sequencers grow");
        }
    }

    @Test
    void rulesComeFromTheTemplateAndFilterLikeS3() {
        List<NotificationRule> rules = NotificationRule.fromTemplate(template, names);
        String source = names.get("SourceBucket");
        assertEquals(List.of("PublishFunction"), matching(rules, new ObjectChange(source, "articles/a b.md", "ObjectCreated:Put", 1, "e", "01")));
        assertEquals(List.of("PublishFunction"), matching(rules, new ObjectChange(source, "articles/x.json", "ObjectRemoved:Delete", -1, null, "02")));
        assertEquals(List.of("PublishFunction"), matching(rules, new ObjectChange(source, "assets/p.jpg", "ObjectCreated:Copy", 1, "e", "03")));
        assertEquals(List.of(), matching(rules, new ObjectChange(source, "articles/notes.txt", "ObjectCreated:Put", 1, "e", "04")));
        assertEquals(List.of(), matching(rules, new ObjectChange(source, "publish-reports/articles/a.md.json", "ObjectCreated:Put", 1, "e", "05")),
                "the function's own reports never trigger it (H2)");
        assertEquals(List.of(), matching(rules, new ObjectChange(names.get("SiteBucket"), "articles/a.html", "ObjectCreated:Put", 1, "e", "06")));
    }

    @Test
    void eventsAreShapedLikeAwsAndReadByTheRuntimeSerialiser() throws Exception {
        String key = "articles/2026/Café owners win appeal & reopen.md";
        String json = S3EventJson.of(new ObjectChange("source-bucket", key, "ObjectCreated:Put", 3870, "9b1c4e7a", "0067432F0B7E6D5C4B"),
                "ArticleMarkdown", "us-east-1", Instant.parse("2026-11-24T09:31:17.402Z"));
        JsonNode ours = LocalJson.mapper().readTree(json);
        JsonNode aws = LocalJson.mapper().readTree(Path.of(CloudFormationTemplate.repositoryRoot().toString(), "events", "s3-put-encoded-key.json").toFile());
        assertEquals(fieldPaths(aws), fieldPaths(ours), "the same fields as the sample AWS event");
        assertEquals("articles/2026/Caf%C3%A9+owners+win+appeal+%26+reopen.md", ours.at("/Records/0/s3/object/key").asText());

        S3Event event = LambdaEventSerializers.serializerFor(S3Event.class, S3Event.class.getClassLoader()).fromJson(json);
        var object = event.getRecords().get(0).getS3().getObject();
        assertEquals(key, object.getUrlDecodedKey());
        assertEquals("9b1c4e7a", object.geteTag());
        assertEquals(3870L, object.getSizeAsLong());
        assertEquals("0067432F0B7E6D5C4B", object.getSequencer());

        JsonNode removed = LocalJson.mapper().readTree(S3EventJson.of(new ObjectChange("source-bucket", "articles/a.md",
                "ObjectRemoved:Delete", -1, null, "0A"), "ArticleMarkdown", "us-east-1", Instant.now()));
        assertNull(removed.at("/Records/0/s3/object").get("eTag"));
        assertEquals("ObjectRemoved:Delete", removed.at("/Records/0/eventName").asText());
    }

    @Test
    void theFrontSandboxesAssetsAsTheDistributionDoes_F5() {
        JsonNode headers = template.resource("AssetHeaders").path("Properties").path("ResponseHeadersPolicyConfig")
                .path("CustomHeadersConfig").path("Items").get(0);
        assertEquals("Content-Security-Policy", headers.path("Header").asText());
        String policy = headers.path("Value").asText();
        assertEquals(SiteFront.ASSET_POLICY, policy);
        // Equal is not enough: both could lose the directives that keep an uploaded page from running.
        List<String> directives = Arrays.stream(policy.split(";")).map(String::strip).toList();
        assertTrue(directives.containsAll(List.of("sandbox", "default-src 'none'")), policy);
    }

    private static List<String> matching(List<NotificationRule> rules, ObjectChange change) {
        return rules.stream().filter(r -> r.matches(change)).map(NotificationRule::functionId).distinct().toList();
    }

    private static Set<String> fieldPaths(JsonNode node) {
        Set<String> paths = new TreeSet<>();
        collect(node, "", paths);
        paths.removeIf(p -> p.endsWith("/versionId"));
        return paths;
    }

    private static void collect(JsonNode node, String path, Set<String> paths) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                paths.add(path + "/" + field.getKey());
                collect(field.getValue(), path + "/" + field.getKey(), paths);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                collect(item, path + "/[]", paths);
            }
        }
    }

}
