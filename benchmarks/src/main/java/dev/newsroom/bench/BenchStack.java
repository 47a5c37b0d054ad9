package dev.newsroom.bench;

import dev.newsroom.stack.LocalFunction;
import dev.newsroom.stack.LocalNewsroom;
import dev.newsroom.testkit.LocalCloudFront;
import dev.newsroom.testkit.LocalScheduler;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.LocalKeyValueStore;
import dev.newsroom.testkit.LocalServices;
import dev.newsroom.testkit.SiteverifyServer;
import dev.newsroom.testkit.TemplateResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What a benchmark of the functions runs against, in its own JVM: DynamoDB Local and S3Proxy in
 * memory with the template's resources, the local siteverify server, and each function's
 * environment as the local stack gives it.
 */
final class BenchStack implements AutoCloseable {

    static final String SITE = "http://127.0.0.1:3000";

    final CloudFormationTemplate template;
    final LocalServices services;
    final Map<String, String> names;
    final Map<String, LocalFunction> functions;
    final Path work;
    private final SiteverifyServer siteverify;
    private final LocalKeyValueStore redirects;

    private BenchStack(CloudFormationTemplate template, LocalServices services, Map<String, String> names,
                       Map<String, LocalFunction> functions, Path work, SiteverifyServer siteverify, LocalKeyValueStore redirects) {
        this.template = template;
        this.services = services;
        this.names = names;
        this.functions = functions;
        this.work = work;
        this.siteverify = siteverify;
        this.redirects = redirects;
    }

    static BenchStack start() throws Exception {
        CloudFormationTemplate template = CloudFormationTemplate.ofRepository();
        Path work = Files.createTempDirectory("newsroom-bench");
        Path secrets = Files.createDirectories(work.resolve("secrets"));
        LocalServices services = LocalServices.start(Optional.empty());
        Map<String, String> names = new TemplateResources(template).create(services);
        var siteverify = new SiteverifyServer(LocalNewsroom.secret(secrets, "CAPTCHA_SECRET"), "127.0.0.1");
        var redirects = LocalKeyValueStore.start(Optional.empty());
        return new BenchStack(template, services, names, LocalNewsroom.functions(template, names, services, URI.create(SITE),
                siteverify, redirects.url(), LocalNewsroom.NO_SIGN_IN, LocalNewsroom.NO_TOPIC, LocalScheduler.NONE, LocalCloudFront.NONE, secrets, Map.of(),
                LocalNewsroom.ServicePath.DIRECT), work, siteverify, redirects);
    }

    /** Runs a benchmark's main, then ends the JVM: DynamoDB Local leaves threads behind that would hold it for minutes. */
    static void runThenExit(Callable<?> benchmark) throws Exception {
        int code = 1;
        try {
            benchmark.call();
            code = 0;
        } catch (Exception | Error e) {
            // Exiting from finally would swallow it.
            e.printStackTrace();
        } finally {
            System.exit(code);
        }
    }

    static byte[] resource(String path) {
        try (InputStream in = BenchStack.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        siteverify.close();
        redirects.close();
        services.close();
    }
}
