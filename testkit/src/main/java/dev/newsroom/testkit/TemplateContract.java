package dev.newsroom.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What every function's template entry must agree on with its code, as checks that return the
 * problems they find (empty when all is well), for each function module's tests.
 */
public final class TemplateContract {

    /** Variables Lambda sets in every function, and the SDK's standard endpoint variables, which AWS never needs. */
    public static final Set<String> SET_OUTSIDE_THE_TEMPLATE = Set.of("AWS_REGION", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_DYNAMODB",
            "AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE", "AWS_ENDPOINT_URL_SNS", "AWS_ENDPOINT_URL_SCHEDULER",
            "AWS_ENDPOINT_URL_CLOUDFRONT",
            // Lambda sets it instead of the keys under SnapStart.
            "AWS_CONTAINER_CREDENTIALS_FULL_URI");

    private TemplateContract() {
    }

    /**
     * The handler class exists with Lambda's no-argument constructor and {@code handleRequest}, and
     * the CodeUri is the module's deployable jar.
     */
    public static List<String> handlerProblems(CloudFormationTemplate template, String functionId, String module)
            throws Exception {
        JsonNode function = template.resource(functionId).path("Properties");
        List<String> problems = new ArrayList<>();
        String[] handler = function.path("Handler").asText().split("::");
        Class<?> type = Class.forName(handler[0]);
        type.getConstructor();
        // (event, context) for a RequestHandler, (input, output, context) for a RequestStreamHandler.
        if (java.util.Arrays.stream(type.getMethods()).noneMatch(m -> m.getName().equals(handler[1])
                && (m.getParameterCount() == 2 || m.getParameterCount() == 3))) {
            problems.add(handler[0] + " has no " + handler[1] + "(event, context) or (input, output, context)");
        }
        String jar = "functions/" + module + "/target/" + module + ".jar";
        if (!jar.equals(function.path("CodeUri").asText())) {
            problems.add("CodeUri is " + function.path("CodeUri").asText() + ", not " + jar);
        }
        Path pom = CloudFormationTemplate.repositoryRoot().resolve("functions/" + module + "/pom.xml");
        // The parent pom builds ${lambda.name}.jar: shaded, then shrunk.
        if (!Files.readString(pom).contains("<lambda.name>" + module + "</lambda.name>")) {
            problems.add(pom + " does not build " + module + ".jar");
        }
        return problems;
    }

    /**
     * What a function's DynamoDB stream mapping lacks of H4: the table's stream, failures reported by
     * record, bisection, finite retries, a maximum record age, and an on-failure queue; and a stream
     * with both images.
     */
    public static List<String> streamMappingProblems(CloudFormationTemplate template, String functionId, String eventId,
                                                     String table, String failureQueue) {
        JsonNode event = template.resource(functionId).path("Properties").path("Events").path(eventId);
        JsonNode mapping = event.path("Properties");
        List<String> problems = new ArrayList<>();
        check(problems, event.path("Type").asText().equals("DynamoDB"), eventId + " is not a DynamoDB stream event");
        check(problems, mapping.path("Stream").asText().equals(table + ".StreamArn"), eventId + " does not read " + table + "'s stream");
        check(problems, mapping.path("FunctionResponseTypes").toString().contains("ReportBatchItemFailures"),
                "failures are not reported by record");
        check(problems, mapping.path("BisectBatchOnFunctionError").asBoolean(), "a failing batch is not bisected");
        int retries = mapping.path("MaximumRetryAttempts").asInt(-1);
        check(problems, retries >= 0 && retries <= 10, "retries are not finite");
        check(problems, mapping.path("MaximumRecordAgeInSeconds").asInt() > 0, "records have no maximum age");
        check(problems, mapping.path("DestinationConfig").path("OnFailure").path("Destination").asText().equals(failureQueue + ".Arn"),
                "what it gives up on does not go to " + failureQueue);
        check(problems, template.resource(table).path("Properties").path("StreamSpecification").path("StreamViewType").asText()
                .equals("NEW_AND_OLD_IMAGES"), table + "'s stream does not carry both images");
        return problems;
    }

    private static void check(List<String> problems, boolean holds, String problem) {
        if (!holds) {
            problems.add(problem);
        }
    }

    /**
     * Builds the function's configuration from the environment the template gives it and returns
     * the variables it read that neither the template nor Lambda sets.
     *
     * @param awsOnly values only AWS resolves (attributes, conditions)
     * @param readConfiguration builds the configuration and returns the names it read
     */
    public static List<String> unsetVariables(CloudFormationTemplate template, String functionId, Map<String, String> awsOnly,
                                              Function<Map<String, String>, Set<String>> readConfiguration) {
        Map<String, String> env = new HashMap<>(FunctionEnvironment.resolve(template, functionId,
                new TemplateResources(template).names(), awsOnly));
        env.putAll(Map.of("AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret"));
        Set<String> declared = FunctionEnvironment.declared(template, functionId).keySet();
        return readConfiguration.apply(env).stream()
                .filter(name -> !declared.contains(name) && !SET_OUTSIDE_THE_TEMPLATE.contains(name))
                .sorted().toList();
    }

    /** Statements granting more than they name: wildcard resources or actions, or managed CRUD policies (H1). */
    public static List<String> broadPolicies(CloudFormationTemplate template, String functionId) {
        String policies = template.resource(functionId).path("Properties").path("Policies").toString();
        List<String> problems = new ArrayList<>();
        for (String broad : List.of("\"*\"", "Crud", "FullAccess", ":*\"")) {
            if (policies.contains(broad)) {
                problems.add(functionId + " policies contain " + broad);
            }
        }
        return problems;
    }
}
