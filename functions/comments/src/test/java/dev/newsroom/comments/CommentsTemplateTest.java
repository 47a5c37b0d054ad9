package dev.newsroom.comments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.core.config.Env;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.FunctionEnvironment;
import dev.newsroom.testkit.TemplateContract;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code template.yaml} and the comments function agree, and the deployment keeps H1, H5 and E6. */
class CommentsTemplateTest {

    private final CloudFormationTemplate template = CloudFormationTemplate.ofRepository();
    private final JsonNode function = template.resource("CommentsFunction").path("Properties");

    CommentsTemplateTest() throws Exception {
    }

    @Test
    void handlerAndCodeUriNameThisModule_H9() throws Exception {
        assertEquals(List.of(), TemplateContract.handlerProblems(template, "CommentsFunction", "comments"));
        assertEquals(CommentsHandler.class.getName() + "::handleRequest", function.path("Handler").asText());
    }

    @Test
    void everyVariableTheCodeReadsIsSet_H8() {
        assertEquals(List.of(), TemplateContract.unsetVariables(template, "CommentsFunction",
                Map.of("CDN_URL", "https://d111111abcdef8.cloudfront.net", "DESK_SIGN_IN_URL", "https://newsroom-desk.auth.us-east-1.amazoncognito.com",
                        "DESK_CLIENT_ID", "desk-client"), env -> {
                    Env recording = new Env(env);
                    CommentsConfig.from(recording);
                    new dev.newsroom.core.aws.AwsClients(recording);
                    recording.optional("CAPTCHA_SECRET_PARAMETER");
                    recording.optional("SIGNING_SECRET_PARAMETER");
                    return recording.read();
                }));
    }

    @Test
    void noS3AndNothingBroad_H1() {
        assertEquals(List.of(), TemplateContract.broadPolicies(template, "CommentsFunction"));
        String policies = function.path("Policies").toString();
        assertFalse(policies.contains("s3:"), "the comments function has no S3 access");
        for (String forbidden : List.of("ssm:GetParameters\"", "ssm:PutParameter")) {
            assertFalse(policies.contains(forbidden), forbidden);
        }
        // Readers' requests never scan; the desk's search by words does, a page at a time, on the comments table alone.
        function.path("Policies").get(0).path("Statement").forEach(statement -> {
            if (statement.path("Action").toString().contains("dynamodb:Scan")) {
                assertEquals("SearchComments", statement.path("Sid").asText());
                assertEquals("\"dynamodb:Scan\"", statement.path("Action").toString());
                assertEquals("CommentsTable.Arn", statement.path("Resource").asText());
            }
        });
    }

    @Test
    void secretsComeFromParameterStoreNeverFromPlainVariables_E6() {
        FunctionEnvironment.declared(template, "CommentsFunction").forEach((name, value) -> {
            if (name.toUpperCase(Locale.ROOT).contains("SECRET")) {
                assertTrue(name.endsWith("_PARAMETER"), name + " must name an SSM parameter, not hold a secret");
            }
        });
        for (String parameter : List.of("CaptchaSecretParameter", "SigningSecretParameter", "OriginSecretParameter")) {
            assertTrue(template.root().path("Parameters").path(parameter).path("Default").asText().startsWith("/"));
        }
        assertTrue(function.path("Policies").toString().contains("ssm:GetParameter"));
    }

    @Test
    void routesSitUnderApiOnTheSiteOrigin_H5() {
        assertTrue(function.path("Events").isMissingNode(), "routes are the API's resources, never function events (a cycle otherwise)");
        java.util.Map<String, JsonNode> routes = new java.util.TreeMap<>();
        template.resources("AWS::ApiGatewayV2::Route").values().forEach(r -> routes.put(r.path("Properties").path("RouteKey").asText(),
                r.path("Properties")));
        assertEquals(java.util.Set.of("POST /api/articles/{article}/comments", "GET /api/articles/{article}/comments",
                "POST /api/articles/{article}/comments/{id}/report", "ANY /desk/{file}", "ANY /api/moderation/{proxy+}",
                "GET /api/openapi.json"), routes.keySet());
        routes.forEach((key, route) -> {
            assertEquals("integrations/${CommentsIntegration}", route.path("Target").asText(), key);
            assertEquals(key.startsWith("ANY /api/moderation/") ? "JWT" : "", route.path("AuthorizationType").asText(""),
                    key + ": the moderation route, and only it, needs the desk's sign-in");
        });
        assertEquals("CommentsFunction.Alias", template.resource("CommentsIntegration").path("Properties").path("IntegrationUri").asText());
        JsonNode stage = template.resource("CommentsApiStage").path("Properties");
        assertTrue(stage.path("AutoDeploy").asBoolean(), "new routes go live");
        assertTrue(stage.path("DefaultRouteSettings").path("ThrottlingRateLimit").asInt() > 0, "routes are throttled");
        assertEquals("api", behaviour("/api/*").path("TargetOriginId").asText(), "CloudFront sends /api/* to the HTTP API");
        JsonNode desk = behaviour("/desk/*");
        assertEquals("api", desk.path("TargetOriginId").asText(), "the desk's page comes from the function");
        assertEquals("SiteViewerRequest", desk.path("FunctionAssociations").get(0).path("FunctionARN").asText().split("\\.")[0],
                "/desk/ is /desk/index.html, as for pages");
    }

    /** The moderation route: the desk's Cognito pool, checked by API Gateway's JWT authorizer, with the desk's scope (J4–J6). */
    @Test
    void moderationIsBehindTheDesksSignIn_J4() {
        JsonNode route = template.resource("ModerationRoute").path("Properties");
        assertEquals("ANY /api/moderation/{proxy+}", route.path("RouteKey").asText());
        assertEquals("JWT", route.path("AuthorizationType").asText());
        assertEquals(List.of("newsroom/desk"), texts(route.path("AuthorizationScopes")));
        JsonNode authorizer = template.resource(route.path("AuthorizerId").asText()).path("Properties");
        assertEquals("JWT", authorizer.path("AuthorizerType").asText());
        assertEquals(List.of("$request.header.Authorization"), texts(authorizer.path("IdentitySource")));
        assertEquals("https://cognito-idp.${AWS::Region}.amazonaws.com/${DeskUserPool}",
                authorizer.path("JwtConfiguration").path("Issuer").asText());
        assertEquals(List.of("DeskClient"), texts(authorizer.path("JwtConfiguration").path("Audience")));

        JsonNode pool = template.resource("DeskUserPool").path("Properties");
        assertTrue(pool.path("AdminCreateUserConfig").path("AllowAdminCreateUserOnly").asBoolean(), "staff are invited, never sign up");
        JsonNode client = template.resource("DeskClient").path("Properties");
        assertFalse(client.path("GenerateSecret").asBoolean(true), "a page keeps no secret: a public client with PKCE");
        assertEquals(List.of("code"), texts(client.path("AllowedOAuthFlows")));
        assertTrue(texts(client.path("AllowedOAuthScopes")).contains("newsroom/desk"));
        JsonNode scopes = template.resource("DeskScopes").path("Properties");
        assertEquals("newsroom", scopes.path("Identifier").asText());
        assertEquals("desk", scopes.path("Scopes").get(0).path("ScopeName").asText());
        List<String> groups = new java.util.ArrayList<>();
        template.resources("AWS::Cognito::UserPoolGroup").values().forEach(g -> groups.add(g.path("Properties").path("GroupName").asText()));
        assertEquals(java.util.Set.of("moderators", "editors"), java.util.Set.copyOf(groups));
        for (Staff.Role role : Staff.Role.values()) {
            assertTrue(groups.stream().anyMatch(g -> role.name().toLowerCase(Locale.ROOT).concat("s").equals(g)), role.name());
        }
    }

    /**
     * CloudFront passes Authorization on only when the cache key holds it (an origin request policy
     * naming it is refused with a 400): the moderation behaviour comes before /api/*, keys on it, and
     * keeps nothing.
     */
    @Test
    void theDesksCallsReachTheApiWithTheirTokenAndAreNeverCached_J4() {
        List<String> patterns = new java.util.ArrayList<>();
        distribution().path("CacheBehaviors").forEach(b -> patterns.add(b.path("PathPattern").asText()));
        assertTrue(patterns.indexOf("/api/moderation/*") < patterns.indexOf("/api/*"), "the first behaviour that matches serves");
        JsonNode moderation = behaviour("/api/moderation/*");
        assertEquals("api", moderation.path("TargetOriginId").asText());
        JsonNode cache = template.resource(moderation.path("CachePolicyId").asText()).path("Properties").path("CachePolicyConfig");
        JsonNode key = cache.path("ParametersInCacheKeyAndForwardedToOrigin");
        assertEquals("whitelist", key.path("HeadersConfig").path("HeaderBehavior").asText());
        assertEquals(List.of("Authorization"), texts(key.path("HeadersConfig").path("Headers")));
        assertEquals(0, cache.path("MinTTL").asInt());
        assertEquals(0, cache.path("DefaultTTL").asInt());
        assertTrue(cache.path("MaxTTL").asInt() <= 1, "caching is effectively off");
        JsonNode origin = template.resource(moderation.path("OriginRequestPolicyId").asText()).path("Properties")
                .path("OriginRequestPolicyConfig").path("HeadersConfig").path("Headers");
        assertFalse(texts(origin).stream().anyMatch(h -> h.equalsIgnoreCase("Authorization")),
                "CloudFront refuses an origin request policy that names Authorization");
    }

    private JsonNode distribution() {
        return template.resource("SiteDistribution").path("Properties").path("DistributionConfig");
    }

    private JsonNode behaviour(String pattern) {
        for (JsonNode b : distribution().path("CacheBehaviors")) {
            if (b.path("PathPattern").asText().equals(pattern)) {
                return b;
            }
        }
        throw new AssertionError("no behaviour for " + pattern);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
