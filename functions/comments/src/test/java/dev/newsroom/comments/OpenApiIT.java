package dev.newsroom.comments;

import static dev.newsroom.comments.CommentsWorld.EDITOR;
import static dev.newsroom.comments.CommentsWorld.MODERATOR;
import static dev.newsroom.comments.CommentsWorld.comment;
import static dev.newsroom.comments.CommentsWorld.json;
import static dev.newsroom.comments.CommentsWorld.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.LocalJson;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The API's OpenAPI 3.1 document against the function's real answers, from DynamoDB Local: each answer's status
 * is one the document gives for its operation, and its body passes that response's schema.
 */
class OpenApiIT extends LocalCommentsIT {

    private static final String DOCUMENT = "classpath:dev/newsroom/comments/openapi.json";
    private static final String COMMENTS = "/api/articles/{article}/comments";
    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final JsonNode document;

    OpenApiIT(Provisioned local) throws Exception {
        super(local);
        document = LocalJson.mapper().readTree(OpenApiIT.class.getResourceAsStream("openapi.json"));
    }

    /** The answer is one the document gives for the operation, and its body passes the response's schema. */
    private void conforms(String method, String path, APIGatewayV2HTTPResponse answer) {
        JsonNode response = document.path("paths").path(path).path(method).path("responses").path(String.valueOf(answer.getStatusCode()));
        assertFalse(response.isMissingNode(), () -> method + " " + path + " does not document " + answer.getStatusCode() + ": " + answer.getBody());
        if (response.has("$ref")) {
            response = document.at(response.get("$ref").asText().substring(1));
        }
        JsonNode schema = response.path("content").path("application/json").path("schema");
        assertTrue(schema.has("$ref"), () -> method + " " + path + " " + answer.getStatusCode() + " names no JSON schema");
        assertTrue(answer.getHeaders().get("Content-Type").startsWith("application/json"), answer.getHeaders()::toString);
        var errors = schemas.getSchema(SchemaLocation.of(DOCUMENT + schema.get("$ref").asText())).validate(answer.getBody(), InputFormat.JSON);
        assertEquals("[]", errors.toString(), () -> method + " " + path + " " + answer.getStatusCode() + ": " + answer.getBody());
    }

    @Test
    void readersAnswersAreAsDocumented() {
        String article = world.article("openapi", "");
        String posted = json(world.post(article, comment("Ada", "Documented words.", token("test-pass")))).get("id").asText();
        conforms("post", COMMENTS, world.post(article, comment("Bo", "Held words.", token("test-pass-score-0.6"))));
        conforms("post", COMMENTS, world.post(article, comment("Cy", "Documented again.", token("test-pass"))));
        conforms("post", COMMENTS, world.post(article, "{\"name\": \"\", \"body\": \"\", \"captchaToken\": \"x\"}"));
        conforms("post", COMMENTS, world.post(article, "{\"name\": \"a\", \"body\": \"b\", \"admin\": \"yes\"}"));
        conforms("post", COMMENTS, world.post(article, comment("Ada", "Documented words.", token("test-pass"))));
        conforms("post", COMMENTS, world.post(article, comment("Dee", "A failed captcha.", token("test-fail"))));
        conforms("post", COMMENTS, world.post("articles~no-such-article", comment("Eve", "Nowhere.", token("test-pass"))));
        act("feature", article, posted, null, EDITOR);
        conforms("post", "/api/moderation/comments/{article}/{id}/reply",
                act("reply", article, posted, "{\"body\": \"From the newsroom.\"}", MODERATOR));
        conforms("get", COMMENTS, world.list(article, Map.of()));
        conforms("get", COMMENTS, world.list(article, Map.of("limit", "1000")));
        conforms("post", COMMENTS + "/{id}/report", world.report(article, posted, "spam", world.ip));
        conforms("post", COMMENTS + "/{id}/report", world.report(article, posted, "because", world.ip));
    }

    @Test
    void theDesksAnswersAreAsDocumented() {
        String article = world.article("openapi-desk", "");
        String held = json(world.post(article, comment("Fay", "Wait for me.", token("test-pass-score-0.6")))).get("id").asText();
        conforms("get", "/api/moderation/comments", world.moderate("GET", "comments", Map.of("queue", "pending"), null, EDITOR));
        conforms("get", "/api/moderation/comments", world.moderate("GET", "comments", Map.of("queue", "nowhere"), null, EDITOR));
        conforms("get", "/api/moderation/search", world.moderate("GET", "search", Map.of("by", "text", "q", "wait for"), null, EDITOR));
        conforms("get", "/api/moderation/comments/{article}/{id}/history",
                world.moderate("GET", "comments/" + article + "/" + held + "/history", Map.of(), null, EDITOR));
        conforms("post", "/api/moderation/comments/{article}/{id}/approve", act("approve", article, held, null, EDITOR));
        conforms("post", "/api/moderation/comments/{article}/{id}/approve", act("approve", article, held, null, Map.of()));
        conforms("post", "/api/moderation/comments/{article}/{id}/approve", act("approve", article, held, null, MODERATOR));
        conforms("post", "/api/moderation/comments/{article}/{id}/reject", act("reject", article, held, "{}", MODERATOR));
        conforms("post", "/api/moderation/comments/{article}/{id}/ban", act("ban", article, held, "{\"days\": \"3\"}", MODERATOR));
        conforms("post", "/api/moderation/comments/{article}/{id}/unban", act("unban", article, "no-such-id", null, MODERATOR));
        conforms("get", "/api/moderation/preview", world.moderate("GET", "preview", Map.of("path", CommentsWorld.path(article)), null, EDITOR));
        conforms("get", "/api/moderation/preview", world.moderate("GET", "preview", Map.of("path", "/articles/none-such"), null, EDITOR));
        conforms("post", "/api/moderation/erasure", world.moderate("POST", "erasure", Map.of(), "{\"email\": \"nobody@example.org\"}", MODERATOR));
        conforms("post", "/api/moderation/comments/{article}", world.moderate("POST", "comments/" + article, Map.of(),
                "{\"comments\": [{\"ref\": \"1\", \"name\": \"Old\", \"body\": \"From before.\", \"createdAt\": \"2013-03-11T10:02:00Z\","
                        + " \"status\": \"approved\"}]}", MODERATOR));
        conforms("delete", "/api/moderation/comments/{article}/{id}",
                world.moderate("DELETE", "comments/" + article + "/" + held, Map.of(), null, MODERATOR, "https://elsewhere.example"));
    }

    @Test
    void theDocumentIsServedAndNamesEveryErrorKindAndRoute() throws Exception {
        APIGatewayV2HTTPEvent get = world.postEvent("x", "application/json", null);
        get.setRouteKey(CommentsHandler.OPENAPI_ROUTE);
        get.getRequestContext().setRouteKey(CommentsHandler.OPENAPI_ROUTE);
        get.getRequestContext().getHttp().setMethod("GET");
        get.setRawPath("/api/openapi.json");
        get.setPathParameters(Map.of());
        APIGatewayV2HTTPResponse served = world.handle(get);
        assertEquals(200, served.getStatusCode());
        assertEquals(document, LocalJson.mapper().readTree(served.getBody()), "the repository's document, as it is");
        assertEquals("3.1.0", document.path("openapi").asText());

        Set<String> documented = new TreeSet<>();
        document.at("/components/schemas/Error/properties/error/enum").forEach(code -> documented.add(code.asText()));
        assertEquals(Arrays.stream(ErrorKind.values()).map(ErrorKind::code).collect(Collectors.toCollection(TreeSet::new)), documented);
        assertFalse(schemas.getSchema(SchemaLocation.of(DOCUMENT + "#/components/schemas/Error"))
                .validate("{\"error\": \"made_up\", \"message\": \"x\", \"email\": \"a@b.c\"}", InputFormat.JSON).isEmpty(),
                "the check refuses what the document does not allow");

        // Every route of the template, and each moderation route behind its one {proxy+} route, with its method.
        CloudFormationTemplate.ofRepository().resources("AWS::ApiGatewayV2::Route").values().forEach(route -> {
            String key = route.path("Properties").path("RouteKey").asText();
            if (!key.endsWith("{proxy+}")) {
                String method = key.startsWith("ANY ") ? "get" : key.substring(0, key.indexOf(' ')).toLowerCase(Locale.ROOT);
                assertTrue(document.path("paths").path(key.substring(key.indexOf(' ') + 1)).has(method), key + " is documented");
            }
        });
        var routes = new ModerationRoutes(null, null, CommentsWorld.SITE).routes();
        assertTrue(routes.size() >= 13, routes::toString);
        routes.forEach(route -> {
            String[] parts = route.split(" ");
            assertTrue(document.path("paths").path("/api/moderation/" + parts[1]).has(parts[0].toLowerCase(Locale.ROOT)), route + " is documented");
        });
    }

    private APIGatewayV2HTTPResponse act(String verb, String article, String id, String body, Map<String, String> who) {
        return world.moderate("POST", "comments/" + article + "/" + id + "/" + verb, Map.of(), body, who);
    }
}
