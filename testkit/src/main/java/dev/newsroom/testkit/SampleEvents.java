package dev.newsroom.testkit;


import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The sample events in {@code events/}, pointed at a local article: what the cold-start runs send. */
public final class SampleEvents {

    private SampleEvents() {
    }

    /** Uploads {@code content} and returns S3's notification of it ({@code events/s3-put.json}). */
    public static ObjectNode upload(S3Client s3, String bucket, String key, byte[] content) {
        String eTag = s3.putObject(r -> r.bucket(bucket).key(key).contentType("text/markdown; charset=utf-8"),
                RequestBody.fromBytes(content)).eTag().replace("\"", "");
        return upload(bucket, key, eTag, content.length);
    }

    /** S3's notification of an upload; versioning is off locally. */
    private static ObjectNode upload(String bucket, String key, String eTag, long size) {
        ObjectNode event = sample("s3-put.json");
        ObjectNode s3 = (ObjectNode) event.get("Records").get(0).get("s3");
        ((ObjectNode) s3.get("bucket")).put("name", bucket);
        ((ObjectNode) s3.get("object")).put("key", key).put("eTag", eTag).put("size", size).remove("versionId");
        return event;
    }

    /**
     * API Gateway's request for an article's comments ({@code events/api-list-comments.json}), the
     * article named by its path's token ({@code ArticlePaths.token}: {@code articles~harbour-bridge-reopens}).
     */
    public static ObjectNode listComments(String articleToken) {
        ObjectNode event = sample("api-list-comments.json");
        String path = "/api/articles/" + articleToken + "/comments";
        event.put("rawPath", path);
        ((ObjectNode) event.get("requestContext").get("http")).put("path", path);
        ((ObjectNode) event.get("pathParameters")).put("article", articleToken);
        return event;
    }

    /**
     * API Gateway's comment POST ({@code events/api-post-comment.json}) from the given site and
     * client address, with the given body.
     */
    public static ObjectNode postComment(String articleToken, String origin, String clientIp, String body) {
        ObjectNode event = sample("api-post-comment.json");
        String path = "/api/articles/" + articleToken + "/comments";
        event.put("rawPath", path).put("body", body);
        ObjectNode http = (ObjectNode) event.get("requestContext").get("http");
        http.put("path", path).put("sourceIp", clientIp);
        ((ObjectNode) event.get("headers")).put("origin", origin).put("x-forwarded-for", clientIp)
                .put("content-length", String.valueOf(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        ((ObjectNode) event.get("pathParameters")).put("article", articleToken);
        return event;
    }

    /**
     * The articles table's stream record of the article at {@code path}, newly published
     * ({@code events/dynamodb-article-published.json}).
     */
    public static ObjectNode articlePublished(String path) {
        ObjectNode event = sample("dynamodb-article-published.json");
        ObjectNode record = (ObjectNode) event.get("Records").get(0).get("dynamodb");
        ((ObjectNode) record.get("Keys").get("slug")).put("S", path);
        ((ObjectNode) record.get("NewImage").get("slug")).put("S", path);
        ((ObjectNode) record.get("NewImage")).putObject("articleSlug").put("S", path.substring(path.lastIndexOf('/') + 1));
        return event;
    }

    /**
     * The redirects table's stream record of {@code from} newly redirecting to {@code to}
     * ({@code events/dynamodb-redirect-set.json}).
     */
    public static ObjectNode redirectSet(String from, String to) {
        ObjectNode event = sample("dynamodb-redirect-set.json");
        ObjectNode record = (ObjectNode) event.get("Records").get(0).get("dynamodb");
        ((ObjectNode) record.get("Keys").get("from")).put("S", from);
        ((ObjectNode) record.get("NewImage").get("from")).put("S", from);
        ((ObjectNode) record.get("NewImage").get("to")).put("S", to);
        return event;
    }

    /** EventBridge Scheduler's input to the moderation digest: its {@code SendDigest} schedule's ({@code events/schedule-digest.json}). */
    public static ObjectNode digest() {
        return sample("schedule-digest.json");
    }

    /**
     * What an article's schedule sends the publish function at its time ({@code events/schedule-due.json}),
     * naming the file {@code key} in {@code bucket}.
     */
    public static ObjectNode due(String bucket, String key) {
        ObjectNode event = sample("schedule-due.json");
        ((ObjectNode) event.get("due")).put("bucket", bucket).put("key", key);
        return event;
    }

    private static ObjectNode sample(String name) {
        try {
            return (ObjectNode) LocalJson.mapper().readTree(CloudFormationTemplate.repositoryRoot().resolve("events").resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
