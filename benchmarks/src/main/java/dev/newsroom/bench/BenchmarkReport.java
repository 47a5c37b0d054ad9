package dev.newsroom.bench;

import dev.newsroom.testkit.CloudFormationTemplate;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A benchmark's latest table, printed and written into {@code docs/benchmarks.md} between the
 * markers that name it ({@code <!-- bench:NAME -->} and {@code <!-- /bench:NAME -->}), with the
 * command and the machine, so the page always shows the last run of {@code ./newsroom bench}.
 */
public final class BenchmarkReport {

    private static final Path PAGE = CloudFormationTemplate.repositoryRoot().resolve("docs").resolve("benchmarks.md");

    private BenchmarkReport() {
    }

    /**
     * Prints the table and replaces what is between the page's markers for {@code name} with it.
     * The command is the launcher's ({@code -Dnewsroom.bench.command}), else the benchmark's class.
     */
    public static void publish(String name, Class<?> benchmark, String table) throws IOException {
        String command = System.getProperty("newsroom.bench.command", "java -cp … " + benchmark.getName());
        System.out.println(table);
        String begin = "<!-- bench:" + name + " -->\n";
        String end = "<!-- /bench:" + name + " -->";
        String page = Files.readString(PAGE);
        int from = page.indexOf(begin);
        int to = page.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(PAGE + " has no '" + begin.strip() + "' … '" + end + "' block for this table");
        }
        String block = "Latest run: `" + command + "`, " + LocalDate.now(ZoneOffset.UTC) + ", " + machine() + ".\n\n" + table.strip() + "\n";
        Files.writeString(PAGE, page.substring(0, from + begin.length()) + block + page.substring(to));
        System.out.println("(written into " + PAGE + ")");
    }

    /** The middle value; of an even count, the mean of the two middle ones. */
    public static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Cores, processor, memory, JVM and kernel: what a reader needs to compare figures across machines. */
    static String machine() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return String.format("%d cores (%s), %.0f GiB, %s %s, %s %s", Runtime.getRuntime().availableProcessors(),
                cpuModel().orElse("processor unknown"), os.getTotalMemorySize() / (double) (1L << 30),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("os.name"), System.getProperty("os.version"));
    }

    private static Optional<String> cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
