package dev.newsroom.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Request;

/**
 * IAM as AWS applies it to the functions' DynamoDB and S3 calls, so a call that {@code template.yaml}
 * does not grant fails locally as it would on AWS, with {@code AccessDeniedException} (or S3's 403
 * {@code AccessDenied}), instead of first failing in production. A request is a function's when its
 * thread is inside the handler's {@code handleRequest}, or runs a task of the function's own code
 * in a pool (the functions' fan-out). It must then be allowed by one of that
 * function's policy statements, for every action it needs (a transaction needs one per item, a
 * copy a read and a write) on its table, index, bucket or object.
 *
 * <p>The function modules' tests and the local stack's tests give it to every SDK client through
 * the SDK's global interceptor list ({@code software/amazon/awssdk/global/handlers/execution.interceptors}
 * in their test resources); the cold-start JVMs, which run the deployable jars, do not. Not checked:
 * calls from tasks that shared code (core) hands to a pool, test fixtures' calls, and calls on
 * tables and buckets the template does not declare.
 */
public final class LocalIam implements ExecutionInterceptor {

    private static final Pattern RESOURCE_ARN = Pattern.compile("^(?:\\$\\{(\\w+)\\.Arn\\}(.*)|(\\w+)\\.Arn)$");
    private static final String S3_ARN = "arn:${AWS::Partition}:s3:::";

    /** What one statement allows: its actions (globs, as IAM's), on resources written as {@link Access#resource()} globs. */
    private record Grant(List<Pattern> actions, List<Pattern> resources) {
        boolean allows(Access access) {
            return actions.stream().anyMatch(a -> a.matcher(access.action()).matches())
                    && resources.stream().anyMatch(r -> r.matcher(access.resource()).matches());
        }
    }

    /**
     * One action a request needs on one resource: {@code table/NAME[/index/NAME]} for DynamoDB,
     * {@code BUCKET[/KEY]} for S3, with the local names of {@link TemplateResources}.
     */
    record Access(String action, String resource) {
        String owner() {
            return action.startsWith("dynamodb:") ? resource.split("/")[1] : resource.split("/")[0];
        }
    }

    /** Whether a class is a module's main code, not a test's ({@code target/test-classes}). */
    private static final ClassValue<Boolean> MAIN_CODE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            var source = type.getProtectionDomain().getCodeSource();
            return source == null || !source.getLocation().getPath().contains("/test-classes/");
        }
    };

    private final Map<String, String> functionByHandler = new HashMap<>();
    /** The functions whose handlers are in each package: two may share one (a module's jar with two handlers). */
    private final Map<String, List<String>> functionsByPackage = new HashMap<>();
    private final Map<String, List<Grant>> grantsByFunction = new HashMap<>();
    /** Buckets' local names, by logical id and by the {@code BucketName} the template gives them. */
    private final Map<String, String> buckets = new HashMap<>();
    private final Map<String, String> bucketsByName = new HashMap<>();
    private final Set<String> tables = new HashSet<>();

    public LocalIam() {
        this(repositoryTemplate());
    }

    LocalIam(CloudFormationTemplate template) {
        tables.addAll(template.resources("AWS::DynamoDB::Table").keySet());
        template.resources("AWS::S3::Bucket").forEach((id, bucket) -> {
            buckets.put(id, TemplateResources.bucketName(id));
            Optional.ofNullable(bucket.path("Properties").path("BucketName").textValue())
                    .ifPresent(name -> bucketsByName.put(name, TemplateResources.bucketName(id)));
        });
        template.resources("AWS::Serverless::Function").forEach((id, function) -> {
            String handler = function.path("Properties").path("Handler").asText().split("::")[0];
            functionByHandler.put(handler, id);
            functionsByPackage.computeIfAbsent(handler.substring(0, handler.lastIndexOf('.')), p -> new ArrayList<>()).add(id);
            grantsByFunction.put(id, grants(function.path("Properties").path("Policies")));
        });
    }

    private static CloudFormationTemplate repositoryTemplate() {
        try {
            return CloudFormationTemplate.ofRepository();
        } catch (IOException e) {
            throw new UncheckedIOException("LocalIam reads template.yaml's policies", e);
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (!(request instanceof DynamoDbRequest) && !(request instanceof S3Request)) {
            return;
        }
        callingFunction().flatMap(functions -> denial(functions, request)).ifPresent(message -> {
            if (request instanceof S3Request) {
                throw S3Exception.builder().statusCode(403).message(message)
                        .awsErrorDetails(AwsErrorDetails.builder().serviceName("S3").errorCode("AccessDenied").errorMessage(message).build())
                        .build();
            }
            throw DynamoDbException.builder().statusCode(400).message(message)
                    .awsErrorDetails(AwsErrorDetails.builder().serviceName("DynamoDb")
                            .errorCode("AccessDeniedException").errorMessage(message).build())
                    .build();
        });
    }

    /** Why the function may not send the request, in AWS's words, or empty if its policies allow it. */
    Optional<String> denial(String function, SdkRequest request) {
        return denial(List.of(function), request);
    }

    /** Why none of these functions may send the request, or empty if one's policies allow it. */
    private Optional<String> denial(List<String> functions, SdkRequest request) {
        List<Grant> grants = functions.stream().flatMap(f -> grantsByFunction.get(f).stream()).toList();
        String function = String.join(" or ", functions);
        return accesses(request).stream()
                // Only the template's own tables and buckets are checked.
                .filter(access -> tables.contains(access.owner()) || buckets.containsValue(access.owner()))
                .filter(access -> grants.stream().noneMatch(g -> g.allows(access)))
                .findFirst()
                .map(access -> function + " is not authorized to perform: " + access.action() + " on resource: "
                        + access.resource() + " because no identity-based policy in template.yaml allows the "
                        + access.action() + " action");
    }

    /** The actions a request needs, as IAM names them, on each table, bucket or object it touches. */
    static List<Access> accesses(SdkRequest request) {
        return request instanceof S3Request s3 ? s3Accesses(s3) : dynamoDbAccesses((DynamoDbRequest) request);
    }

    private static List<Access> dynamoDbAccesses(DynamoDbRequest request) {
        List<Access> accesses = new ArrayList<>();
        if (request instanceof TransactWriteItemsRequest transaction) {
            transaction.transactItems().forEach(item -> {
                if (item.put() != null) {
                    accesses.add(table("dynamodb:PutItem", item.put().tableName()));
                } else if (item.update() != null) {
                    accesses.add(table("dynamodb:UpdateItem", item.update().tableName()));
                } else if (item.delete() != null) {
                    accesses.add(table("dynamodb:DeleteItem", item.delete().tableName()));
                } else if (item.conditionCheck() != null) {
                    accesses.add(table("dynamodb:ConditionCheckItem", item.conditionCheck().tableName()));
                }
            });
        } else if (request instanceof TransactGetItemsRequest transaction) {
            transaction.transactItems().forEach(item -> accesses.add(table("dynamodb:GetItem", item.get().tableName())));
        } else if (request instanceof BatchGetItemRequest batch) {
            batch.requestItems().keySet().forEach(name -> accesses.add(table("dynamodb:BatchGetItem", name)));
        } else if (request instanceof BatchWriteItemRequest batch) {
            batch.requestItems().keySet().forEach(name -> accesses.add(table("dynamodb:BatchWriteItem", name)));
        } else {
            String action = "dynamodb:" + operation(request);
            request.getValueForField("TableName", String.class).ifPresent(name -> accesses.add(new Access(action,
                    "table/" + name + request.getValueForField("IndexName", String.class).map(i -> "/index/" + i).orElse(""))));
        }
        return accesses;
    }

    private static List<Access> s3Accesses(S3Request request) {
        if (request instanceof CopyObjectRequest copy) {
            return List.of(new Access("s3:GetObject", copy.sourceBucket() + "/" + copy.sourceKey()),
                    new Access("s3:PutObject", copy.destinationBucket() + "/" + copy.destinationKey()));
        }
        if (request instanceof DeleteObjectsRequest delete) {
            return delete.delete().objects().stream().map(o -> new Access("s3:DeleteObject", delete.bucket() + "/" + o.key())).toList();
        }
        String bucket = request.getValueForField("Bucket", String.class).orElse("");
        if (request instanceof ListObjectsV2Request || request instanceof ListObjectsRequest || request instanceof HeadBucketRequest) {
            return List.of(new Access("s3:ListBucket", bucket));
        }
        String action = request instanceof HeadObjectRequest ? "s3:GetObject" : "s3:" + operation(request);
        return List.of(new Access(action, bucket + request.getValueForField("Key", String.class).map(k -> "/" + k).orElse("")));
    }

    private static Access table(String action, String name) {
        return new Access(action, "table/" + name);
    }

    private static String operation(SdkRequest request) {
        return request.getClass().getSimpleName().replaceFirst("Request$", "");
    }

    /**
     * The template function whose code made this call: on a thread inside a handler's
     * {@code handleRequest}, that handler's; on a pool's thread (the functions' fan-out), the ones
     * whose handlers share the package of the innermost frame of main code, not a test's: the
     * request must be one of theirs. Operator tools that share a function's package (a rebuild)
     * are neither, and not checked.
     */
    private Optional<List<String>> callingFunction() {
        // The functions' own pools; the common pool runs operator tools' parallel streams (a rebuild).
        boolean pooled = Thread.currentThread() instanceof ForkJoinWorkerThread worker && worker.getPool() != ForkJoinPool.commonPool();
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(frame -> pooled ? functionsByPackage.containsKey(frame.getDeclaringClass().getPackageName())
                        && MAIN_CODE.get(frame.getDeclaringClass())
                        : frame.getMethodName().equals("handleRequest") && functionByHandler.containsKey(frame.getClassName()))
                .map(frame -> pooled ? functionsByPackage.get(frame.getDeclaringClass().getPackageName())
                        : List.of(functionByHandler.get(frame.getClassName())))
                .findFirst());
    }

    private List<Grant> grants(JsonNode policies) {
        List<Grant> grants = new ArrayList<>();
        for (JsonNode policy : policies) {
            for (JsonNode statement : policy.path("Statement")) {
                if (!statement.path("Effect").asText().equals("Allow")) {
                    continue;
                }
                List<String> actions = strings(statement.path("Action"));
                List<Pattern> resources = new ArrayList<>();
                for (String resource : strings(statement.path("Resource"))) {
                    Optional<Pattern> pattern = resourcePattern(resource);
                    // A table or bucket this class cannot read would be a silent hole: say so.
                    if (pattern.isEmpty() && !resource.endsWith(".StreamArn")
                            && actions.stream().anyMatch(a -> a.startsWith("dynamodb:") || a.startsWith("s3:"))) {
                        throw new IllegalStateException("LocalIam cannot read the resource " + resource + " of " + statement);
                    }
                    pattern.ifPresent(resources::add);
                }
                grants.add(new Grant(actions.stream().map(action -> glob(action, Pattern.CASE_INSENSITIVE)).toList(), resources));
            }
        }
        return grants;
    }

    /**
     * A policy's resource as a pattern over {@link Access#resource()}: {@code X.Arn} and
     * {@code ${X.Arn}/...} of a table or bucket, and {@code arn:${AWS::Partition}:s3:::NAME/...} of
     * a bucket named in the template. Other resources (queues, parameters, streams) are not checked.
     */
    private Optional<Pattern> resourcePattern(String resource) {
        Optional<String> local = Optional.empty();
        Matcher arn = RESOURCE_ARN.matcher(resource);
        if (arn.matches()) {
            String id = arn.group(1) != null ? arn.group(1) : arn.group(3);
            String rest = arn.group(2) == null ? "" : arn.group(2);
            local = tables.contains(id) ? Optional.of("table/" + id + rest)
                    : Optional.ofNullable(buckets.get(id)).map(bucket -> bucket + rest);
        } else if (resource.startsWith(S3_ARN)) {
            String path = resource.substring(S3_ARN.length());
            local = bucketsByName.entrySet().stream().filter(b -> path.equals(b.getKey()) || path.startsWith(b.getKey() + "/"))
                    .findFirst().map(b -> b.getValue() + path.substring(b.getKey().length()));
        }
        return local.map(glob -> glob(glob, 0));
    }

    /** IAM's wildcard: {@code *} matches any run of characters, slashes too. */
    private static Pattern glob(String glob, int flags) {
        return Pattern.compile(Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")), flags);
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
