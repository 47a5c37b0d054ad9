package dev.newsroom.stack;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.LocalJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** {@code ./newsroom up} in a child JVM, stopped with SIGTERM as Ctrl-C would, or killed. */
final class UpProcess implements AutoCloseable {

    final Process process;
    final JsonNode endpoints;
    final List<String> seen;

    private UpProcess(Process process, JsonNode endpoints, List<String> seen) {
        this.process = process;
        this.endpoints = endpoints;
        this.seen = seen;
    }

    static List<String> command(List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The test class path brings LocalIam, which reads the repository's template.
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dnewsroom.root=" + CloudFormationTemplate.repositoryRoot(),
                "-cp", System.getProperty("java.class.path"), NewsroomUp.class.getName()));
        command.addAll(args);
        return command;
    }

    /** Starts it on {@code dataDir} and a free port, with {@code options} besides (such as {@code --no-seed}, or a {@code --port}). */
    static UpProcess start(Path dataDir, String... options) throws Exception {
        Path template = CloudFormationTemplate.repositoryRoot().resolve("template.yaml");
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--template", template.toString()));
        if (!List.of(options).contains("--port")) {
            args.addAll(List.of("--port", "0"));
        }
        args.addAll(List.of(options));
        Process process = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    seen.add(line);
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("reader stopped: " + e.getMessage());
            }
        }, "stack-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertNotNull(line, () -> "the stack did not come up; it said:\n" + String.join("\n", seen));
            if (line.startsWith("Newsroom is up")) {
                break;
            }
        }
        return new UpProcess(process, LocalJson.mapper().readTree(dataDir.resolve("endpoints.json").toFile()), seen);
    }

    List<String> linesMatching(String text) {
        return seen.stream().filter(l -> l.contains(text)).toList();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the stack stops on SIGTERM");
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed, as a crash or an OOM kill leaves it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the stack dies on SIGKILL");
    }
}
