package dev.newsroom.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * IAM as AWS applies it to the functions' DynamoDB calls, so a call that {@code template.yaml} does
 * not grant fails locally as it would on AWS, with {@code AccessDeniedException}, instead of first
 * failing in production. A request is the function's when its thread is inside the handler's
 * {@code handleRequest}; it must then be allowed by one of that function's policy statements, for
 * every action it needs (a transaction needs one per item) on its table or index.
 *
 * <p>The function modules' tests and the local stack's tests give it to every SDK client through
 * the SDK's global interceptor list ({@code software/amazon/awssdk/global/handlers/execution.interceptors}
 * in their test resources); the cold-start JVMs, which run the deployable jars, do not. Calls a
 * handler makes from other threads (a fan-out pool), and calls on tables the template does not
 * declare, are not checked.
 */
public final class LocalIam implements ExecutionInterceptor {

    private static final Pattern TABLE_ARN = Pattern.compile("^(?:\\$\\{(\\w+)\\.Arn\\}(.*)|(\\w+)\\.Arn)$");

    /** What one statement allows: its actions, on resources written as {@code table/NAME[/index/NAME]} globs. */
    private record Grant(List<String> actions, List<Pattern> resources) {
        boolean allows(String action, String resource) {
            return actions.contains(action) && resources.stream().anyMatch(r -> r.matcher(resource).matches());
        }
    }

    /** One action a request needs on one table, or one index of it. */
    record Access(String action, String table, Optional<String> index) {
        String resource() {
            return "table/" + table + index.map(i -> "/index/" + i).orElse("");
        }
    }

    private final Map<String, String> functionByHandler = new HashMap<>();
    private final Map<String, List<Grant>> grantsByFunction = new HashMap<>();
    private final List<String> tables;

    public LocalIam() {
        CloudFormationTemplate template;
        try {
            template = CloudFormationTemplate.ofRepository();
        } catch (IOException e) {
            throw new UncheckedIOException("LocalIam reads template.yaml's policies", e);
        }
        tables = List.copyOf(template.resources("AWS::DynamoDB::Table").keySet());
        template.resources("AWS::Serverless::Function").forEach((id, function) -> {
            functionByHandler.put(function.path("Properties").path("Handler").asText().split("::")[0], id);
            grantsByFunction.put(id, grants(function.path("Properties").path("Policies")));
        });
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof DynamoDbRequest request) {
            callingFunction().flatMap(function -> denial(function, request)).ifPresent(message -> {
                throw DynamoDbException.builder().statusCode(400).message(message)
                        .awsErrorDetails(AwsErrorDetails.builder().serviceName("DynamoDb")
                                .errorCode("AccessDeniedException").errorMessage(message).build())
                        .build();
            });
        }
    }

    /** Why the function may not send the request, in AWS's words, or empty if its policies allow it. */
    Optional<String> denial(String function, DynamoDbRequest request) {
        List<Grant> grants = grantsByFunction.get(function);
        return accesses(request).stream()
                .filter(access -> tables.contains(access.table()))
                .filter(access -> grants.stream().noneMatch(g -> g.allows(access.action(), access.resource())))
                .findFirst()
                .map(access -> function + " is not authorized to perform: " + access.action() + " on resource: "
                        + access.resource() + " because no identity-based policy in template.yaml allows the "
                        + access.action() + " action");
    }

    /** The actions a request needs, as IAM names them, on each table it touches. */
    static List<Access> accesses(DynamoDbRequest request) {
        List<Access> accesses = new ArrayList<>();
        if (request instanceof TransactWriteItemsRequest transaction) {
            transaction.transactItems().forEach(item -> {
                if (item.put() != null) {
                    accesses.add(new Access("dynamodb:PutItem", item.put().tableName(), Optional.empty()));
                } else if (item.update() != null) {
                    accesses.add(new Access("dynamodb:UpdateItem", item.update().tableName(), Optional.empty()));
                } else if (item.delete() != null) {
                    accesses.add(new Access("dynamodb:DeleteItem", item.delete().tableName(), Optional.empty()));
                } else if (item.conditionCheck() != null) {
                    accesses.add(new Access("dynamodb:ConditionCheckItem", item.conditionCheck().tableName(), Optional.empty()));
                }
            });
        } else if (request instanceof TransactGetItemsRequest transaction) {
            transaction.transactItems().forEach(item ->
                    accesses.add(new Access("dynamodb:GetItem", item.get().tableName(), Optional.empty())));
        } else if (request instanceof BatchGetItemRequest batch) {
            batch.requestItems().keySet().forEach(table -> accesses.add(new Access("dynamodb:BatchGetItem", table, Optional.empty())));
        } else if (request instanceof BatchWriteItemRequest batch) {
            batch.requestItems().keySet().forEach(table -> accesses.add(new Access("dynamodb:BatchWriteItem", table, Optional.empty())));
        } else {
            String action = "dynamodb:" + request.getClass().getSimpleName().replaceFirst("Request$", "");
            request.getValueForField("TableName", String.class).ifPresent(table ->
                    accesses.add(new Access(action, table, request.getValueForField("IndexName", String.class))));
        }
        return accesses;
    }

    /** The template function whose handler this thread is running, if any. */
    private Optional<String> callingFunction() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(frame -> frame.getMethodName().equals("handleRequest"))
                .map(frame -> functionByHandler.get(frame.getClassName()))
                .filter(id -> id != null)
                .findFirst());
    }

    private static List<Grant> grants(JsonNode policies) {
        List<Grant> grants = new ArrayList<>();
        for (JsonNode policy : policies) {
            for (JsonNode statement : policy.path("Statement")) {
                if (statement.path("Effect").asText().equals("Allow")) {
                    grants.add(new Grant(strings(statement.path("Action")),
                            strings(statement.path("Resource")).stream().map(LocalIam::tableResource).flatMap(Optional::stream).toList()));
                }
            }
        }
        return grants;
    }

    /** {@code X.Arn} or {@code ${X.Arn}/index/...}, as a pattern over {@link Access#resource()}; other resources are not tables. */
    private static Optional<Pattern> tableResource(String resource) {
        Matcher arn = TABLE_ARN.matcher(resource);
        if (!arn.matches()) {
            return Optional.empty();
        }
        String table = arn.group(1) != null ? arn.group(1) : arn.group(3);
        String rest = arn.group(2) == null ? "" : arn.group(2);
        String glob = Arrays.stream(("table/" + table + rest).split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining("[^/]*"));
        return Optional.of(Pattern.compile(glob));
    }

    private static List<String> strings(JsonNode node) {
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(value -> values.add(value.asText()));
            return values;
        }
        return node.isMissingNode() ? List.of() : List.of(node.asText());
    }
}
