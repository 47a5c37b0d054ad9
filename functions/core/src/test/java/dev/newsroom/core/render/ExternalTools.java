package dev.newsroom.core.render;

import dev.newsroom.testkit.CloudFormationTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real checkers the test run installs: the Nu HTML checker (npm vnu-jar) and headless Chromium. */
public final class ExternalTools {

    private ExternalTools() {
    }

    /** Runs a command and returns its exit code and combined output. */
    public static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Validates HTML files with vnu; errors only, as the issue demands no errors. */
    public static Result vnu(List<Path> files) throws IOException, InterruptedException {
        Path jar = CloudFormationTemplate.repositoryRoot().resolve("node_modules/vnu-jar/build/dist/vnu.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("vnu.jar is missing: run ./newsroom test, which installs it with npm");
        }
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", jar.toString(), "--errors-only", "--format", "gnu"));
        files.forEach(f -> command.add(f.toString()));
        return run(command, 120);
    }

    /** The DOM Chromium builds from a file after running whatever scripts the page has. */
    public static String chromiumDom(Path file) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Result result = run(List.of("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--virtual-time-budget=2000", "--dump-dom", file.toUri().toString()), 90);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("chromium failed: " + result.output());
        }
        return result.output();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public record Result(int exitCode, String output) {
    }
}
