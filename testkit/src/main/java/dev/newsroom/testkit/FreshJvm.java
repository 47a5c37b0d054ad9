package dev.newsroom.testkit;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main of ours in a JVM of its own as Lambda starts a function: Lambda's JVM flags, the
 * function's deployable jar as the class path, and only the template's environment plus what
 * Lambda's runtime sets. Used to check the shrunk jars and to time cold starts.
 */
public final class FreshJvm {

    /** What Lambda's Java runtime sets besides the function's own variables. */
    public static final Map<String, String> LAMBDA_RUNTIME = Map.of("LANG", "en_US.UTF-8", "TZ", ":UTC");

    /** What a run reported (its result file) and what it printed. */
    public record Run(JsonNode result, String output) {

        public double initMs() {
            return result.get("initMs").asDouble();
        }

        public double invokeMs() {
            return result.get("invokeMs").asDouble();
        }

        /** What {@link FirstInvoke}'s second event took, in the same instance after the first; 0 without one. */
        public double warmMs() {
            return result.path("warmMs").asDouble();
        }

        /** What {@link FirstInvoke}'s SnapStart priming took, before the first event; 0 without it. */
        public double primeMs() {
            return result.path("primeMs").asDouble();
        }
    }

    private FreshJvm() {
    }

    /** A function's deployable jar: the template's CodeUri. */
    public static Path deployableJar(CloudFormationTemplate template, String functionId) {
        return CloudFormationTemplate.repositoryRoot().resolve(template.resource(functionId).path("Properties").path("CodeUri").asText());
    }

    /**
     * Runs {@code main} with {@code jar} and writes its result to a file it is given as the last
     * argument. The template's {@code JAVA_TOOL_OPTIONS} (C1 only) apply, as on Lambda.
     */
    public static Run run(Path jar, Map<String, String> environment, Path work, Class<?> main, String... args)
            throws IOException, InterruptedException {
        return run(jar, List.of(), List.of(), environment, work, main, args);
    }

    /**
     * The SDK operations a run of {@code main} makes, each once, in the order first made: an untimed
     * run with {@link OperationLog} added through the SDK's global interceptor list.
     */
    public static List<String> operations(Path jar, Map<String, String> environment, Path work, Class<?> main, String... args)
            throws IOException, InterruptedException {
        Path resources = Files.createTempDirectory(work, "operation-log");
        Path list = Files.createDirectories(resources.resolve("software/amazon/awssdk/global/handlers")).resolve("execution.interceptors");
        Files.writeString(list, OperationLog.class.getName() + "\n");
        Path log = Files.createTempFile(work, "operations", ".txt");
        run(jar, List.of(resources), List.of("-D" + OperationLog.FILE_PROPERTY + "=" + log), environment, work, main, args);
        return Files.readAllLines(log).stream().distinct().toList();
    }

    private static Run run(Path jar, List<Path> extraClasspath, List<String> properties, Map<String, String> environment, Path work,
                           Class<?> main, String... args) throws IOException, InterruptedException {
        Path result = Files.createTempFile(work, main.getSimpleName(), ".json");
        Path log = Files.createTempFile(work, main.getSimpleName(), ".log");
        List<String> classpath = new ArrayList<>(List.of(jar.toString(), codeSource(main),
                codeSource(LambdaContext.class), codeSource(LambdaEventSerializers.class)));
        extraClasspath.forEach(entry -> classpath.add(entry.toString()));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-XX:+UseSerialGC"));
        command.addAll(properties);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath), main.getName()));
        command.addAll(List.of(args));
        command.add(result.toString());
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(LAMBDA_RUNTIME);
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(main.getSimpleName() + " " + String.join(" ", args) + " did not finish in 60 s");
        }
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(main.getSimpleName() + " " + String.join(" ", args) + " failed:\n" + output);
        }
        return new Run(LocalJson.mapper().readTree(result.toFile()), output);
    }

    /** Where a class was loaded from: a module's classes folder or jar, or a library's jar. */
    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
