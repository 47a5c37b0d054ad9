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
                Map.of("CDN_URL", "https://d111111abcdef8.cloudfront.net"), env -> {
                    Env recording = new Env(env);
                    CommentsConfig.from(recording);
                    new dev.newsroom.core.aws.AwsClients(recording);
                    recording.optional("CAPTCHA_SECRET_PARAMETER");
                    recording.optional("SIGNING_SECRET_PARAMETER");
                    recording.optional("MODERATION_TOKEN_FILE");
                    return recording.read();
                }));
    }

    @Test
    void noS3AndNothingBroad_H1() {
        assertEquals(List.of(), TemplateContract.broadPolicies(template, "CommentsFunction"));
        String policies = function.path("Policies").toString();
        assertFalse(policies.contains("s3:"), "the comments function has no S3 access");
        for (String forbidden : List.of("dynamodb:Scan", "ssm:GetParameters\"", "ssm:PutParameter")) {
            assertFalse(policies.contains(forbidden), forbidden);
        }
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
        List<String> routes = new java.util.ArrayList<>();
        function.path("Events").forEach(e -> {
            assertEquals("HttpApi", e.path("Type").asText());
            routes.add(e.path("Properties").path("Method").asText() + " " + e.path("Properties").path("Path").asText());
        });
        assertEquals(List.of("POST /api/articles/{article}/comments", "GET /api/articles/{article}/comments",
                "GET /api/moderation/comments", "POST /api/moderation/comments/{article}/{id}/approve",
                "POST /api/moderation/comments/{article}/{id}/spam", "DELETE /api/moderation/comments/{article}/{id}", "POST /api/moderation/comments/{article}",
                "POST /api/moderation/erasure"), routes);
        function.path("Events").fields().forEachRemaining(e -> {
            boolean moderation = e.getValue().path("Properties").path("Path").asText().startsWith("/api/moderation/");
            assertEquals(moderation ? "AWS_IAM" : "", e.getValue().path("Properties").path("Auth").path("Authorizer").asText(""),
                    e.getKey() + ": moderation routes, and only they, need IAM");
        });
        JsonNode api = template.resource("CommentsApi").path("Properties");
        assertTrue(api.path("DefaultRouteSettings").path("ThrottlingRateLimit").asInt() > 0, "routes are throttled");
        JsonNode behaviour = null;
        for (JsonNode b : template.resource("SiteDistribution").path("Properties").path("DistributionConfig").path("CacheBehaviors")) {
            if (b.path("PathPattern").asText().equals("/api/*")) {
                behaviour = b;
            }
        }
        assertEquals("api", behaviour.path("TargetOriginId").asText(), "CloudFront sends /api/* to the HTTP API");
    }
}
