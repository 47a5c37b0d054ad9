package dev.newsroom.comments;

import static dev.newsroom.comments.CommentsWorld.comment;
import static dev.newsroom.comments.CommentsWorld.json;
import static dev.newsroom.comments.CommentsWorld.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Moderation routes: only moderators, the queues, approve, spam, delete, and erasure (H7). */
class ModerationIT extends LocalCommentsIT {

    private static final String BEARER = "Bearer " + CommentsWorld.MODERATOR_TOKEN;

    ModerationIT(Provisioned local) {
        super(local);
    }

    private List<String> queue(String queue) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = cursor == null ? Map.of("queue", queue, "limit", "100")
                    : Map.of("queue", queue, "limit", "100", "cursor", cursor);
            JsonNode page = json(world.moderate("GET /api/moderation/comments", Map.of(), query, null, BEARER));
            page.get("comments").forEach(c -> ids.add(c.get("id").asText()));
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return ids;
    }

    private String held(String slug, String body) {
        APIGatewayV2HTTPResponse posted = world.post(slug, comment("Newcomer", body, token("test-pass-score-0.6")));
        assertEquals(202, posted.getStatusCode(), posted.getBody());
        return json(posted).get("id").asText();
    }

    @Test
    void onlyModeratorsMayModerate_J1() {
        for (String authorization : new String[] {null, "Bearer wrong", "Basic " + CommentsWorld.MODERATOR_TOKEN}) {
            APIGatewayV2HTTPResponse response = world.moderate("GET /api/moderation/comments", Map.of(), Map.of(), null, authorization);
            assertEquals(403, response.getStatusCode(), String.valueOf(authorization));
            assertEquals("forbidden", json(response).get("error").asText());
        }
    }

    @Test
    void iamAuthorisedRequestsAreModerators() {
        APIGatewayV2HTTPEvent event = com.amazonaws.services.lambda.runtime.tests.EventLoader.loadApiGatewayHttpEvent(
                dev.newsroom.testkit.CloudFormationTemplate.repositoryRoot().resolve("events/api-list-comments.json").toString());
        event.setRouteKey("GET /api/moderation/comments");
        event.setPathParameters(Map.of());
        event.setQueryStringParameters(Map.of("queue", "spam"));
        var iam = new APIGatewayV2HTTPEvent.RequestContext.IAM();
        iam.setUserArn("arn:aws:iam::123456789012:user/editor");
        var authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setIam(iam);
        event.getRequestContext().setAuthorizer(authorizer);
        assertEquals(200, world.handle(event).getStatusCode());
    }

    @Test
    void approvingMarkingAsSpamAndDeleting() {
        String slug = world.article("moderated", "");
        String first = held(slug, "Please approve me");
        String second = held(slug, "Probably spam");
        assertTrue(queue("pending").containsAll(List.of(first, second)));

        assertEquals(200, world.moderate("POST /api/moderation/comments/{article}/{id}/approve", Map.of("article", slug, "id", first),
                Map.of(), null, BEARER).getStatusCode());
        assertEquals(200, world.moderate("POST /api/moderation/comments/{article}/{id}/spam", Map.of("article", slug, "id", second),
                Map.of(), null, BEARER).getStatusCode());

        JsonNode published = json(world.list(slug, Map.of())).get("comments");
        assertEquals(1, published.size());
        assertEquals(first, published.get(0).get("id").asText());
        assertFalse(queue("pending").contains(first) || queue("pending").contains(second));
        assertTrue(queue("spam").contains(second));

        var delete = Map.of("article", slug, "id", second);
        assertEquals(200, world.moderate("DELETE /api/moderation/comments/{article}/{id}", delete, Map.of(), null, BEARER).getStatusCode());
        assertEquals(404, world.moderate("DELETE /api/moderation/comments/{article}/{id}", delete, Map.of(), null, BEARER).getStatusCode());
        assertFalse(queue("spam").contains(second));
    }

    @Test
    void erasesACommentersEmailAndAddressFromAllTheirComments_H7() {
        String slug = world.article("erasure", "");
        List<String> ids = new ArrayList<>();
        for (String body : List.of("First words", "Second words")) {
            String request = "{\"name\":\"Rosa\",\"email\":\"Rosa.Erase@Example.org\",\"body\":\"" + body
                    + "\",\"captchaToken\":\"" + token("test-pass") + "\"}";
            ids.add(json(world.post(slug, request)).get("id").asText());
        }
        APIGatewayV2HTTPResponse erased = world.moderate("POST /api/moderation/erasure", Map.of(), Map.of(),
                "{\"email\":\"rosa.erase@example.org\"}", BEARER);
        assertEquals(2, json(erased).get("erased").asInt(), erased.getBody());
        for (String id : ids) {
            Map<String, AttributeValue> item = world.local.services().dynamoDb().getItem(r -> r.tableName(world.local.name("CommentsTable"))
                    .key(Map.of("slug", AttributeValue.fromS(CommentsWorld.path(slug)), "commentId", AttributeValue.fromS(id)))).item();
            assertFalse(item.containsKey("email") || item.containsKey("emailHash") || item.containsKey("clientHash"), item::toString);
            assertEquals("Rosa", item.get("name").s(), "the comment itself stays");
        }
    }
}
