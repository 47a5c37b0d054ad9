package dev.newsroom.testkit;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Real AWS-compatible storage on loopback: DynamoDB Local in server mode (telemetry off) and S3Proxy.
 * In memory, or kept under a data directory so a restart keeps everything.
 */
public final class LocalServices implements AwsBackend, AutoCloseable {

    public static final Region REGION = Region.US_EAST_1;
    public static final String ACCESS_KEY = "newsroomlocal"; // DynamoDB Local accepts letters and digits only
    public static final String SECRET_KEY = "newsroomlocalsecret";
    private static final String LOOPBACK = "127.0.0.1";
    /** The name S3Proxy writes an object under before renaming it to its key: {@code <key>-<random UUID>}. */
    private static final java.util.regex.Pattern PARTIAL_WRITE =
            java.util.regex.Pattern.compile(".+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final DynamoDBProxyServer dynamo;
    private final S3Proxy s3;
    private final URI dynamoEndpoint;
    private final URI s3Endpoint;
    private final List<AutoCloseable> clients = new ArrayList<>();

    private LocalServices(DynamoDBProxyServer dynamo, URI dynamoEndpoint, S3Proxy s3) {
        this.dynamo = dynamo;
        this.dynamoEndpoint = dynamoEndpoint;
        this.s3 = s3;
        this.s3Endpoint = URI.create("http://" + LOOPBACK + ":" + s3.getPort());
    }

    /** Starts both services; with a data directory they persist there, else they live in memory. */
    public static LocalServices start(Optional<Path> dataDir) throws Exception {
        return start(dataDir, UnaryOperator.identity());
    }

    /** As {@link #start(Optional)}, with S3Proxy's blob store wrapped: a decorator sees every write of every client. */
    public static LocalServices start(Optional<Path> dataDir, UnaryOperator<BlobStore> decorate) throws Exception {
        int dynamoPort = freePort();
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(dynamoPort), "-disableTelemetry"));
        BlobStore blobs;
        if (dataDir.isPresent()) {
            Path dynamoDir = Files.createDirectories(dataDir.get().resolve("dynamodb"));
            Path s3Dir = Files.createDirectories(dataDir.get().resolve("s3"));
            removePartialWrites(s3Dir);
            args.addAll(List.of("-dbPath", dynamoDir.toString()));
            blobs = new FilesystemNio2BlobStore(s3Dir.toString());
        } else {
            args.add("-inMemory");
            blobs = new TransientNio2BlobStore();
        }
        DynamoDBProxyServer dynamo = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        bindToLoopback(dynamo);
        dynamo.start();
        S3Proxy s3 = S3Proxy.builder()
                .blobStore(decorate.apply(new AtomicConditionalWrites(blobs)))
                .endpoint(URI.create("http://" + LOOPBACK + ":0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        s3.start();
        return new LocalServices(dynamo, URI.create("http://" + LOOPBACK + ":" + dynamoPort), s3);
    }

    /**
     * S3Proxy writes an object to {@code <key>-<random UUID>} and then renames it; a process killed in
     * between leaves that file, which S3Proxy would then list and serve as an object of its own. Each is
     * removed before S3Proxy starts (so a key of one's own ending in "-" and a bare UUID is not
     * kept across a restart of the local stack).
     */
    private static void removePartialWrites(Path s3Dir) throws IOException {
        try (var files = Files.walk(s3Dir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> PARTIAL_WRITE.matcher(f.getFileName().toString()).matches()).toList()) {
                Files.deleteIfExists(file);
                System.err.println("newsroom: removed " + s3Dir.relativize(file) + ", a write to S3Proxy that a crash cut short");
            }
        }
    }

    public URI dynamoEndpoint() {
        return dynamoEndpoint;
    }

    public URI s3Endpoint() {
        return s3Endpoint;
    }

    @Override
    public S3Client s3(List<ExecutionInterceptor> interceptors) {
        // Over plain HTTP the SDK sends PutObject and UploadPart bodies aws-chunked; S3Proxy stores the
        // object and answers before reading the final chunk, Jetty then closes the connection while the
        // client is still writing it, and the SDK retries a write that was stored ("Error writing request
        // body to server"): one put, two objects written, two notifications. Plain bodies are read whole.
        return local(S3Client.builder().forcePathStyle(true)
                .serviceConfiguration(c -> c.chunkedEncodingEnabled(false))
                .overrideConfiguration(c -> c.executionInterceptors(interceptors)), s3Endpoint);
    }

    @Override
    public DynamoDbClient dynamoDb() {
        return dynamoDb(List.of());
    }

    /** A DynamoDB client with interceptors, which tests use to inject faults. */
    public DynamoDbClient dynamoDb(List<ExecutionInterceptor> interceptors) {
        return local(DynamoDbClient.builder().overrideConfiguration(c -> c.executionInterceptors(interceptors)), dynamoEndpoint);
    }

    public DynamoDbStreamsClient dynamoDbStreams() {
        return local(DynamoDbStreamsClient.builder(), dynamoEndpoint);
    }

    /** A client of one of the local services, closed with them. */
    private synchronized <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends AutoCloseable> C local(
            B builder, URI endpoint) {
        C client = builder.endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        clients.add(client);
        return client;
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    @Override
    public synchronized void close() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        s3.stop();
        dynamo.stop();
    }

    /** DynamoDB Local binds every interface and has no option for it; its Jetty connector does. */
    private static void bindToLoopback(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server server = (Server) field.get(proxy);
        for (Connector connector : server.getConnectors()) {
            ((ServerConnector) connector).setHost(LOOPBACK);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
