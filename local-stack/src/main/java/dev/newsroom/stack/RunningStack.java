package dev.newsroom.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.FunctionEnvironment;
import dev.newsroom.testkit.LocalCloudFront;
import dev.newsroom.testkit.LocalJson;
import dev.newsroom.testkit.LocalScheduler;
import dev.newsroom.testkit.TemplateResources;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The running {@code ./newsroom up}, as a command run beside it sees it: the endpoints it wrote to
 * its data directory, and a function's environment as the stack gives it, pointed at those
 * services. Such a command runs the function's code in its own process, as {@code aws lambda
 * invoke} would run it on AWS.
 */
record RunningStack(JsonNode endpoints, CloudFormationTemplate template, Map<String, String> names) {

    /** The stack whose data directory is {@code dataDir}; refused, saying so, if none runs there. */
    static RunningStack at(Path dataDir, Path template) throws IOException {
        Path file = dataDir.resolve("endpoints.json");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " not found: is ./newsroom up running?");
        }
        CloudFormationTemplate cfn = CloudFormationTemplate.read(template);
        return new RunningStack(LocalJson.mapper().readTree(file.toFile()), cfn, new TemplateResources(cfn).names());
    }

    /** The environment the stack gives {@code functionId}. */
    Map<String, String> environment(String functionId) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("SITE_URL", endpoints.get("site").asText());
        overrides.put("CDN_URL", endpoints.get("site").asText());
        overrides.put("AWS_REGION", endpoints.get("region").asText());
        overrides.put("AWS_ACCESS_KEY_ID", endpoints.get("accessKeyId").asText());
        overrides.put("AWS_SECRET_ACCESS_KEY", endpoints.get("secretAccessKey").asText());
        overrides.put("AWS_ENDPOINT_URL_S3", endpoints.get("s3").asText());
        overrides.put("AWS_ENDPOINT_URL_DYNAMODB", endpoints.get("dynamodb").asText());
        overrides.put("S3_FORCE_PATH_STYLE", "true");
        var declared = FunctionEnvironment.declared(template, functionId);
        if (declared.containsKey("SCHEDULE_GROUP")) {
            overrides.putAll(LocalScheduler.environment(URI.create(endpoints.get("scheduler").asText()), functionId));
        }
        if (declared.containsKey("DISTRIBUTION_ID")) {
            overrides.putAll(LocalCloudFront.environment(URI.create(endpoints.get("cloudFront").asText())));
        }
        return FunctionEnvironment.resolve(template, functionId, names, overrides);
    }
}
