package dev.newsroom.stack;

import dev.newsroom.testkit.LocalJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.FunctionEnvironment;
import dev.newsroom.testkit.LocalKeyValueStore;
import dev.newsroom.testkit.LocalServices;
import dev.newsroom.testkit.LocalCloudFront;
import dev.newsroom.testkit.LocalScheduler;
import dev.newsroom.testkit.LocalTopic;
import dev.newsroom.testkit.SiteverifyServer;
import dev.newsroom.testkit.TemplateResources;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.settings.SiteSettings;
import dev.newsroom.core.store.SourceBucket;
import dev.newsroom.relate.KeyMigration;
import dev.newsroom.relate.LiveRebuild;
import dev.newsroom.relate.RelateConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole newsroom on one machine, in this process, on loopback: DynamoDB Local and S3Proxy
 * with the resources of {@code template.yaml}, the functions it declares hosted as Lambda hosts
 * them, S3 event notifications, and one front port playing CloudFront.
 */
public final class LocalNewsroom implements AutoCloseable {

    private static final String SEEDED_MARKER = "seeded";
    private static final String SITE_CONFIGURATION_MARKER = "site-configuration-seeded";
    /** In a data directory whose items are keyed by path: from a start of this version on, no key migration is needed. */
    static final String KEYED_BY_PATH_MARKER = "keyed-by-path";
    /** In a data directory whose articles' embargoes and expiry dates are scheduled. */
    static final String TIMES_SCHEDULED_MARKER = "times-scheduled";
    static final String IMAGES_LIVE_MARKER = "images-live";
    /** How long endpoints.json's ready moderator token lasts: a working day, not Cognito's hour. */
    static final Duration MODERATOR_TOKEN_LIFETIME = Duration.ofHours(12);
    private static final List<String> SEED_ARTICLES = List.of(
            "harbour-bridge-reopens.md", "night-market-returns.md", "library-late-hours.md", "river-cleanup-volunteers.md");

    private final LocalServices aws;
    private final SiteverifyServer siteverify;
    private final LocalSignIn signIn;
    private final SiteFront front;
    private final LocalKeyValueStore redirects;
    private final LocalTopic topic;
    private final LocalScheduler scheduler;
    private final LocalCloudFront cloudFront;
    private final List<LocalSchedule> schedules;
    private final Map<String, LocalFunction> functions;
    private final List<StreamPump> pumps;
    private final ScheduledExecutorService functionsExecutor;
    private final ExecutorService frontExecutor;
    private final Map<String, String> names;
    private final Path dataDir;
    private final ObjectNode endpoints;

    private LocalNewsroom(LocalServices aws, SiteverifyServer siteverify, LocalSignIn signIn, SiteFront front, LocalKeyValueStore redirects,
                          LocalTopic topic, LocalScheduler scheduler, LocalCloudFront cloudFront, List<LocalSchedule> schedules,
                          Map<String, LocalFunction> functions,
                          List<StreamPump> pumps, ScheduledExecutorService functionsExecutor,
                          ExecutorService frontExecutor, Map<String, String> names, Path dataDir, ObjectNode endpoints) {
        this.aws = aws;
        this.siteverify = siteverify;
        this.signIn = signIn;
        this.front = front;
        this.redirects = redirects;
        this.topic = topic;
        this.scheduler = scheduler;
        this.cloudFront = cloudFront;
        this.schedules = schedules;
        this.functions = functions;
        this.pumps = pumps;
        this.functionsExecutor = functionsExecutor;
        this.frontExecutor = frontExecutor;
        this.names = names;
        this.dataDir = dataDir;
        this.endpoints = endpoints;
    }

    public static LocalNewsroom start(Path template, Path dataDir, int port) throws Exception {
        return start(template, dataDir, port, Map.of());
    }

    /** As {@link #start(Path, Path, int)}, with some of the functions' variables set otherwise, as an operator would. */
    public static LocalNewsroom start(Path template, Path dataDir, int port, Map<String, String> settings) throws Exception {
        return start(template, dataDir, port, settings, ServicePath.DIRECT);
    }

    /** Where a function reaches a service: the service's own address, or a fault proxy's in front of it. */
    @FunctionalInterface
    public interface ServicePath {
        ServicePath DIRECT = (functionId, service) -> service;

        URI of(String functionId, URI service);
    }

    /**
     * As {@link #start(Path, Path, int, Map)}, with each function's path to DynamoDB and to S3 through
     * {@code functionsPath}: a fault proxy's, for the failure scenarios. The rest of the stack (S3's
     * notifications, the streams, the front) reaches the services directly, as AWS's own plumbing would.
     */
    public static LocalNewsroom start(Path template, Path dataDir, int port, Map<String, String> settings,
                                      ServicePath functionsPath) throws Exception {
        CloudFormationTemplate cfn = CloudFormationTemplate.read(template);
        TemplateResources resources = new TemplateResources(cfn);
        Map<String, String> names = resources.names();
        ScheduledExecutorService functionsExecutor = Executors.newScheduledThreadPool(4, daemon("function"));
        // Notifications need the functions, which need S3's address: a write can only arrive once S3 listens.
        AtomicReference<S3Notifications> notifications = new AtomicReference<>();
        LocalServices aws = LocalServices.start(Optional.of(dataDir),
                blobs -> new NotifyingBlobStore(blobs, change -> {
                    S3Notifications target = notifications.get();
                    if (target != null) {
                        target.notify(change);
                    }
                }));
        resources.create(aws);
        ExecutorService frontExecutor = Executors.newFixedThreadPool(8, daemon("front"));
        SiteFront front = new SiteFront(port, aws.s3(), names.get("SiteBucket"), frontExecutor);
        Path secrets = Files.createDirectories(dataDir.resolve("secrets"));
        SiteverifyServer siteverify = new SiteverifyServer(secret(secrets, "CAPTCHA_SECRET"), front.url().getHost());
        LocalKeyValueStore redirects = LocalKeyValueStore.start(Optional.of(dataDir.resolve("edge-redirects.json")));
        LocalSignIn signIn = new LocalSignIn(secrets, deskUrl(front.url()), frontExecutor, Clock.systemUTC());
        LocalTopic topic = LocalTopic.start(Optional.of(dataDir.resolve("outbox.jsonl")));
        // Schedules need the functions, which need the scheduler's address. The scheduler invokes a
        // function asynchronously, as S3 does: the function's failures are Lambda's to retry and keep.
        AsyncInvocations invocations = new AsyncInvocations(functionsExecutor, dataDir, Clock.systemUTC());
        AtomicReference<Map<String, LocalFunction>> scheduled = new AtomicReference<>(Map.of());
        LocalScheduler scheduler = LocalScheduler.start(Optional.of(dataDir.resolve("schedules.json")),
                (arn, input) -> invocations.invoke(target(scheduled.get(), arn), input, "schedule → " + arn),
                (schedule, failure) -> System.err.printf("newsroom: the scheduler could not deliver %s: %s; its event is in %s%n",
                        schedule.name(), failure, FailedEvents.keep(dataDir.resolve(FailedEvents.FOLDER),
                                target(scheduled.get(), schedule.targetArn()).id(),
                                schedule.name() + "-" + schedule.at().toEpochMilli() + ".json", schedule.input())),
                Duration.ZERO);
        LocalCloudFront cloudFront = LocalCloudFront.start(invalidation -> System.out.printf(
                "newsroom: CloudFront invalidation %s of %d path(s): %s%n", invalidation.id(), invalidation.paths().size(),
                String.join(" ", invalidation.paths())));
        Map<String, LocalFunction> functions = functions(cfn, names, aws, front.url(), siteverify, redirects.url(), signIn.issuer(),
                topic.url(), scheduler.url(), cloudFront.url(), secrets, settings, functionsPath);
        scheduled.set(functions);
        scheduler.run();
        migrateKeys(functions.get("RelateFunction"), names, aws, dataDir);
        upgradeOnce(functions.get("PublishFunction"), names.get("SourceBucket"), dataDir, "schedule-times", TIMES_SCHEDULED_MARKER);
        upgradeOnce(functions.get("PublishFunction"), names.get("SourceBucket"), dataDir, "images-live", IMAGES_LIVE_MARKER);
        front.start(new HttpApi(HttpApiRoute.fromTemplate(cfn), functions, authorizers(cfn, signIn)), ViewerRequestFunction.start(
                cfn.resource("SiteViewerRequest").path("Properties").path("FunctionCode").asText(), redirects.url(), dataDir));
        notifications.set(new S3Notifications(NotificationRule.fromTemplate(cfn, names), functions, invocations,
                LocalServices.REGION.id(), Clock.systemUTC()));
        List<StreamPump> pumps = streamPumps(cfn, names, aws, functions, dataDir);
        pumps.forEach(StreamPump::start);
        // What a killed stack left queued, and what ./newsroom redrive put back, is delivered again.
        invocations.resumeQueued(functions);
        List<LocalSchedule> schedules = LocalSchedule.fromTemplate(cfn);
        schedules.forEach(schedule -> schedule.start(functions, functionsExecutor));
        seedSiteConfiguration(aws.s3(), names.get("SourceBucket"), dataDir);
        ObjectNode endpoints = endpoints(aws, front.url(), names, cfn);
        endpoints.put("siteverify", siteverify.url(captchaProvider(cfn, settings)).toString());
        endpoints.put("desk", deskUrl(front.url()).toString());
        endpoints.put("outbox", topic.url().toString());
        endpoints.put("scheduler", scheduler.url().toString());
        endpoints.put("cloudFront", cloudFront.url().toString());
        ObjectNode desk = endpoints.putObject("signIn");
        desk.put("issuer", signIn.issuer().toString());
        desk.put("clientId", LocalSignIn.CLIENT_ID);
        var users = desk.putArray("users");
        signIn.users().forEach(user -> users.addObject().put("username", user.username()).put("password", user.password())
                .put("group", user.group()).put("email", user.email()));
        endpoints.put("moderatorToken", signIn.accessToken(signIn.user("moderator"), MODERATOR_TOKEN_LIFETIME));
        Files.writeString(dataDir.resolve("endpoints.json"), LocalJson.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(endpoints));
        return new LocalNewsroom(aws, siteverify, signIn, front, redirects, topic, scheduler, cloudFront, schedules, functions, pumps,
                functionsExecutor, frontExecutor, names, dataDir, endpoints);
    }

    /**
     * A data directory from before articles were keyed by their paths has what it stored under slugs
     * moved, and its index rebuilt, before anything reads it (docs/publishing.md, "Keys before paths").
     */
    private static void migrateKeys(LocalFunction relate, Map<String, String> names, LocalServices aws, Path dataDir) throws IOException {
        Path marker = dataDir.resolve(KEYED_BY_PATH_MARKER);
        if (Files.exists(marker)) {
            return; // a start of this version has looked already: no table scan on every start
        }
        var migration = new KeyMigration(aws.dynamoDb(), names.get("ArticlesTable"), names.get("CommentsTable"),
                names.get("UploadsTable"), names.get("IndexTable"));
        if (migration.needed()) {
            var moved = migration.run();
            LiveRebuild.create(RelateConfig.from(new Env(relate.environment())), aws.s3(), aws.dynamoDb(), Clock.systemUTC())
                    .run(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            System.out.printf("newsroom: moved %d articles, %d comments and %d upload records from their slugs to their paths,"
                    + " and rebuilt the index and pages%n", moved.articles(), moved.comments(), moved.uploads());
        }
        Files.writeString(marker, "");
    }

    /**
     * A data directory from an earlier version gets the operator's upgrade {@code name}, as on AWS
     * (docs/operations.md, "Upgrading"): from before scheduled publishing, its articles' times (what
     * was published early is embargoed, every embargo and expiry scheduled); from before held-back
     * images, the images its live articles show marked as out. Looked at once per data directory.
     */
    private static void upgradeOnce(LocalFunction publish, String sourceBucket, Path dataDir, String name, String marker) throws IOException {
        Path done = dataDir.resolve(marker);
        if (Files.exists(done)) {
            return;
        }
        var upgrade = LocalJson.mapper().createObjectNode().put("upgrade", name).put("bucket", sourceBucket);
        // Each run within the function's timeout, as on AWS: run again from where it stopped while it leaves articles.
        var answer = LocalJson.mapper().readTree(publish.invoke(upgrade.toString()));
        while (answer.path("left").asInt() > 0) {
            answer = LocalJson.mapper().readTree(publish.invoke(upgrade.put("after", answer.path("after").asText()).toString()));
        }
        Files.writeString(done, "");
    }

    /** An event source mapping for each DynamoDB stream event source in the template. */
    private static List<StreamPump> streamPumps(CloudFormationTemplate cfn, Map<String, String> names, LocalServices aws,
                                                Map<String, LocalFunction> functions, Path dataDir) {
        List<StreamPump> pumps = new ArrayList<>();
        var dynamo = aws.dynamoDb();
        for (StreamSource source : StreamSource.fromTemplate(cfn)) {
            source.requireOneBatchAtATimePerShard();
            String streamArn = dynamo.describeTable(r -> r.tableName(names.get(source.tableId()))).table().latestStreamArn();
            pumps.add(new StreamPump(source, functions.get(source.functionId()), aws.dynamoDbStreams(), streamArn,
                    dataDir.resolve("streams"), dataDir.resolve(FailedEvents.FOLDER)));
        }
        return pumps;
    }

    /**
     * The template's functions, each with the environment AWS would give it, pointed at the local
     * services. A secret named by an SSM parameter ({@code X_PARAMETER}) comes from a file instead
     * ({@code X_FILE}, under {@code secrets/}), the captcha is checked by the local siteverify server,
     * the edge's key-value store is the {@link LocalKeyValueStore} at {@code keyValueStore}, the
     * desk signs in at the {@link LocalSignIn} whose issuer is {@code signIn}, and the moderation
     * topic is the {@link LocalTopic} at {@code topic}, articles' times are scheduled on the
     * {@link LocalScheduler} at {@code scheduler}, and takedowns invalidate at the {@link LocalCloudFront} at {@code cloudFront}.
     */
    public static Map<String, LocalFunction> functions(CloudFormationTemplate cfn, Map<String, String> names, LocalServices aws,
                                                        URI site, SiteverifyServer siteverify, URI keyValueStore, URI signIn,
                                                        URI topic, URI scheduler, URI cloudFront, Path secrets, Map<String, String> settings,
                                                        ServicePath servicePath)
            throws IOException {
        Map<String, String> runtime = new HashMap<>();
        runtime.put("AWS_REGION", LocalServices.REGION.id());
        runtime.put("AWS_ACCESS_KEY_ID", LocalServices.ACCESS_KEY);
        runtime.put("AWS_SECRET_ACCESS_KEY", LocalServices.SECRET_KEY);
        runtime.put("AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE", keyValueStore.toString());
        runtime.put("AWS_ENDPOINT_URL_SNS", topic.toString());
        runtime.put("S3_FORCE_PATH_STYLE", "true");
        runtime.put("SITE_URL", site.toString());
        runtime.put("CDN_URL", site.toString());
        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        for (var entry : cfn.resources("AWS::Serverless::Function").entrySet()) {
            String id = entry.getKey();
            Map<String, String> overrides = new HashMap<>(runtime);
            overrides.put("AWS_ENDPOINT_URL_S3", servicePath.of(id, aws.s3Endpoint()).toString());
            overrides.put("AWS_ENDPOINT_URL_DYNAMODB", servicePath.of(id, aws.dynamoEndpoint()).toString());
            for (String name : FunctionEnvironment.declared(cfn, id).keySet()) {
                if (name.endsWith("_SECRET_PARAMETER")) {
                    String secret = name.substring(0, name.length() - "_PARAMETER".length());
                    secret(secrets, secret);
                    overrides.put(name, "");
                    overrides.put(secret + "_FILE", secrets.resolve(secret).toString());
                } else if (name.equals("DESK_SIGN_IN_URL")) {
                    overrides.put(name, signIn.toString());
                } else if (name.equals("DESK_CLIENT_ID")) {
                    overrides.put(name, LocalSignIn.CLIENT_ID);
                } else if (name.endsWith("_FILE")) {
                    String secret = name.substring(0, name.length() - "_FILE".length());
                    secret(secrets, secret);
                    overrides.put(name, secrets.resolve(secret).toString());
                } else if (name.equals("MODERATION_TOPIC_ARN")) {
                    overrides.put(name, LocalTopic.ARN);
                } else if (name.equals("SCHEDULE_GROUP")) {
                    overrides.putAll(LocalScheduler.environment(scheduler, id));
                } else if (name.equals("DISTRIBUTION_ID")) {
                    overrides.putAll(LocalCloudFront.environment(cloudFront));
                } else if (name.equals("STACK_NAME")) {
                    overrides.put(name, LOCAL_STACK_NAME);
                } else if (name.equals("REDIRECTS_STORE_ARN")) {
                    overrides.put(name, LocalKeyValueStore.ARN);
                } else if (name.equals("CAPTCHA_VERIFY_URL")) {
                    overrides.put(name, siteverify.url(captchaProvider(cfn, settings)).toString());
                } else if (name.equals("CAPTCHA_HOSTNAMES")) {
                    overrides.put(name, site.getHost());
                } else if (name.equals("CAPTCHA_WIDGET_URL")) {
                    overrides.put(name, site + SiteFront.LOCAL_CAPTCHA_PATH);
                }
            }
            settings.forEach((name, value) -> {
                if (FunctionEnvironment.declared(cfn, id).containsKey(name)) {
                    overrides.put(name, value);
                }
            });
            String handler = entry.getValue().path("Properties").path("Handler").asText();
            functions.put(id, new LocalFunction(id, handler.substring(0, handler.indexOf("::")),
                    FunctionEnvironment.resolve(cfn, id, names, overrides), timeoutSeconds(cfn, id)));
        }
        return functions;
    }

    /** The function's own {@code Timeout}, else the template's {@code Globals}, else Lambda's default. */
    static int timeoutSeconds(CloudFormationTemplate cfn, String functionId) {
        int global = cfn.root().path("Globals").path("Function").path("Timeout").asInt(3);
        return cfn.resource(functionId).path("Properties").path("Timeout").asInt(global);
    }

    /** A local secret: random on the first start of a data directory, kept after. */
    public static String secret(Path secrets, String name) throws IOException {
        Path file = secrets.resolve(name);
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            Files.writeString(file, java.util.HexFormat.of().formatHex(random));
        }
        return Files.readString(file).strip();
    }

    /** The sign-in of a set of functions run without the desk (benchmarks, jar checks): no address answers there. */
    public static final URI NO_SIGN_IN = URI.create("https://sign-in.invalid");
    /** The moderation topic of a set of functions run without one (benchmarks): no address answers there. */
    public static final URI NO_TOPIC = URI.create("https://sns.invalid/");
    /** The stack's name, as the functions' metrics name it. */
    static final String LOCAL_STACK_NAME = "newsroom-local";

    /** Where the desk is: its sign-in client's only redirect address. */
    static URI deskUrl(URI site) {
        return URI.create(site + "/desk/");
    }

    /** The template's JWT authorizers, each checking tokens of the local sign-in for the desk's client. */
    private static Map<String, JwtAuthorizer> authorizers(CloudFormationTemplate cfn, LocalSignIn signIn) {
        Map<String, JwtAuthorizer> authorizers = new HashMap<>();
        cfn.resources("AWS::ApiGatewayV2::Authorizer").forEach((id, authorizer) -> {
            if ("JWT".equals(authorizer.path("Properties").path("AuthorizerType").asText())) {
                authorizers.put(id, new JwtAuthorizer(signIn.issuer(), java.util.Set.of(LocalSignIn.CLIENT_ID), Clock.systemUTC()));
            }
        });
        return authorizers;
    }

    /** The captcha provider: as the operator set it, else the template's default. */
    private static String captchaProvider(CloudFormationTemplate cfn, Map<String, String> settings) {
        return settings.getOrDefault("CAPTCHA_PROVIDER",
                cfn.root().path("Parameters").path("CaptchaProvider").path("Default").asText("recaptcha"));
    }


    private static ObjectNode endpoints(LocalServices aws, URI site, Map<String, String> names, CloudFormationTemplate cfn) {
        ObjectNode e = LocalJson.mapper().createObjectNode();
        e.put("site", site.toString());
        e.put("api", site + "/api");
        e.put("s3", aws.s3Endpoint().toString());
        e.put("dynamodb", aws.dynamoEndpoint().toString());
        e.put("region", LocalServices.REGION.id());
        e.put("accessKeyId", LocalServices.ACCESS_KEY);
        e.put("secretAccessKey", LocalServices.SECRET_KEY);
        e.put("sourceBucket", names.get("SourceBucket"));
        Map<String, JsonNode> publish = FunctionEnvironment.declared(cfn, "PublishFunction");
        e.put("articlePrefix", publish.get("ARTICLE_PREFIX").asText());
        e.put("pagePrefix", publish.get("PAGE_PREFIX").asText());
        e.put("assetPrefix", publish.get("ASSET_PREFIX").asText());
        e.put("siteBucket", names.get("SiteBucket"));
        e.put("articlesTable", names.get("ArticlesTable"));
        e.put("uploadsTable", names.get("UploadsTable"));
        return e;
    }

    public ObjectNode endpoints() {
        return endpoints.deepCopy();
    }

    public LocalServices services() {
        return aws;
    }

    /** What the moderation topic has sent: the local outbox. */
    public List<LocalTopic.Message> outbox() {
        return topic.messages();
    }

    /** Runs the template's schedule {@code eventId} now, as its next run would, and returns the function's answer. */
    public String runSchedule(String eventId) {
        LocalSchedule schedule = schedules.stream().filter(s -> s.eventId().equals(eventId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template.yaml has no schedule " + eventId));
        return schedule.fire(functions.get(schedule.functionId()));
    }

    /** The template's resources by logical id, as named locally. */
    public Map<String, String> names() {
        return names;
    }

    /**
     * Waits until every stream has handed the functions every record written before this call,
     * and they have handled them.
     */
    public void awaitStreamsDelivered(Duration timeout) throws InterruptedException, TimeoutException {
        for (StreamPump pump : pumps) {
            pump.awaitDelivered(timeout);
        }
    }

    /** The local function a schedule's target names. */
    private static LocalFunction target(Map<String, LocalFunction> functions, String arn) {
        return LocalScheduler.functionId(arn).map(functions::get)
                .orElseThrow(() -> new IllegalStateException("a schedule names " + arn + ", which is no function of the stack"));
    }

    /** The invalidations the functions made, oldest first: takedowns'. */
    public List<LocalCloudFront.Invalidation> invalidations() {
        return cloudFront.invalidations();
    }

    /** The schedules that wait to fire: articles' embargoes and expiries. */
    public List<LocalScheduler.Schedule> schedules() {
        return scheduler.schedules();
    }

    /** A function's log reported a batch: its streams' backlog lines count what it did. */
    void batchLogged(String functionId, BatchLine batch) {
        for (StreamPump pump : pumps) {
            if (pump.functionId().equals(functionId)) {
                pump.batchLogged(batch);
            }
        }
    }

    public URI siteUrl() {
        return front.url();
    }

    /**
     * On the first start of a data directory, uploads the default site configuration the way an
     * editor would, so there is one to edit; one that is there already, or was deleted since, stays so.
     */
    private static void seedSiteConfiguration(S3Client s3, String sourceBucket, Path dataDir) throws IOException {
        Path marker = dataDir.resolve(SITE_CONFIGURATION_MARKER);
        if (Files.exists(marker)) {
            return;
        }
        if (!new SourceBucket(s3).exists(sourceBucket, SiteSettings.KEY)) {
            try (InputStream in = LocalNewsroom.class.getResourceAsStream("/" + SiteSettings.KEY)) {
                byte[] yaml = in.readAllBytes();
                s3.putObject(r -> r.bucket(sourceBucket).key(SiteSettings.KEY).contentType("application/yaml; charset=utf-8"),
                        RequestBody.fromBytes(yaml));
            }
        }
        Files.writeString(marker, "");
    }

    /** On the first start of a data directory, publishes the demo articles the way an editor would. */
    public List<String> seedIfNew() throws IOException {
        Path marker = dataDir.resolve(SEEDED_MARKER);
        if (Files.exists(marker)) {
            return List.of();
        }
        S3Client s3 = aws.s3();
        String prefix = endpoints.get("articlePrefix").asText();
        List<String> keys = new ArrayList<>();
        for (String name : SEED_ARTICLES) {
            try (InputStream in = LocalNewsroom.class.getResourceAsStream("/seed/" + name)) {
                String key = prefix + name;
                s3.putObject(r -> r.bucket(names.get("SourceBucket")).key(key).contentType("text/markdown; charset=utf-8"),
                        RequestBody.fromBytes(in.readAllBytes()));
                keys.add(key);
            }
        }
        Files.writeString(marker, String.join("\n", keys) + "\n");
        return keys;
    }

    @Override
    public void close() throws Exception {
        front.close();
        redirects.close();
        topic.close();
        scheduler.close();
        cloudFront.close();
        siteverify.close();
        signIn.close();
        for (StreamPump pump : pumps) {
            pump.close();
        }
        functionsExecutor.shutdown();
        functionsExecutor.awaitTermination(10, TimeUnit.SECONDS);
        frontExecutor.shutdownNow();
        aws.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
