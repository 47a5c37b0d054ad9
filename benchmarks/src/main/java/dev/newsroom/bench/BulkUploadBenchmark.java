package dev.newsroom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.stack.ExportComparison;
import dev.newsroom.stack.ExportComparison.Comparison;
import dev.newsroom.stack.ExportComparison.Expected;
import dev.newsroom.stack.ExportComparison.SiteComparison;
import dev.newsroom.testkit.CloudFormationTemplate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 18's bulk upload: N articles uploaded at once with {@code aws s3 sync} into
 * {@code ./newsroom up}, timed from the sync's start until
 * <ul>
 *   <li><b>the floor:</b> every article page is served by the front (the publish function's work alone);</li>
 *   <li><b>drained:</b> the relate function is idle and the stream empty: its last line in the stack's log,
 *       once the log has been quiet for {@link #QUIET} after a completed stream batch;</li>
 *   <li><b>equal:</b> the live site bucket holds exactly the pages {@code ./newsroom export} renders from
 *       the same articles (compared through S3: a listing's ETags, and each page whose ETag changed);</li>
 * </ul>
 * and counts the pages the relate function wrote (the {@code pages} of its batch lines) against the
 * export's page count. Publish's own writes are not counted.
 *
 * <p>Usage: {@code BulkUploadBenchmark WORK N...}: WORK is an empty folder for the corpora, the stacks'
 * data and logs (the caller deletes it); the stack is started with {@code ./newsroom up} from the
 * repository root, and each stack's pid is written to {@code WORK/N/up.pid} so the caller can stop it.
 * {@code NEWSROOM_BENCH_DIR} names the folder of {@code gen_corpus.py}; {@code NEWSROOM_BULK_TIMEOUT_MINUTES}
 * (default 15) bounds each N from the sync's start.
 */
public final class BulkUploadBenchmark {

    /** How long the log must be quiet after a completed stream batch to call the stream drained. */
    static final Duration QUIET = Duration.ofSeconds(5);
    /** How long after draining the live site may take to equal the export before it is reported as different. */
    static final Duration SETTLE = Duration.ofSeconds(30);
    /** Between comparisons while the relate function works, and once it has drained. */
    private static final Duration COMPARE_INTERVAL_BUSY = Duration.ofSeconds(5);
    private static final Duration COMPARE_INTERVAL_DRAINED = Duration.ofSeconds(2);
    /** The floor poller asks for the pending article pages in order, and stops a round after this many misses. */
    private static final int MISSES_PER_ROUND = 16;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = CloudFormationTemplate.repositoryRoot();

    private BulkUploadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchStack.runThenExit(() -> {
            Path work = Path.of(args[0]);
            Duration timeout = Duration.ofMinutes(Long.parseLong(Optional.ofNullable(System.getenv("NEWSROOM_BULK_TIMEOUT_MINUTES")).orElse("15")));
            List<Result> results = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                results.add(args[i].matches("\\d+") ? run(work.resolve(args[i]), Integer.parseInt(args[i]), Optional.empty(), timeout)
                        : run(work.resolve(Path.of(args[i]).getFileName().toString()), 0, Optional.of(Path.of(args[i])), timeout));
            }
            BenchmarkReport.publish("bulk", BulkUploadBenchmark.class, report(results, timeout));
            return null;
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // One size

    /** @param corpus what was uploaded, as the table names it: a count, or a real site and its article count */
    record Result(String corpus, int articles, long syncMs, int syncExit, Long floorMs, int served, Long drainedMs, Long equalMs,
                  Comparison lastComparison, long settleSeconds, RelateLog relate, int exportPages, int exportFiles,
                  long compareRounds, long compareMsMax, double stackCpuSeconds, double harnessCpuSeconds,
                  String loadBefore, String loadAfter) {
    }

    /**
     * One corpus: {@code n} generated articles, or a real Hugo site, imported with {@code ./newsroom import hugo --out}
     * into a folder laid out as the source bucket (its articles and its bundles' files), then synced as it is.
     */
    private static Result run(Path work, int generated, Optional<Path> hugoSite, Duration timeout) throws Exception {
        Files.createDirectories(work);
        Path source = work.resolve("source");
        Path corpus = source.resolve("articles");
        Path export = work.resolve("export");
        Path data = work.resolve("data");
        Path log = work.resolve("up.log");
        if (hugoSite.isPresent()) {
            exec(work.resolve("import.log"), ROOT.resolve("newsroom").toString(), "import", "hugo", hugoSite.get().toString(),
                    "--out", source.toString(), "--report", work.resolve("import-report.json").toString());
        } else {
            String benchDir = Optional.ofNullable(System.getenv("NEWSROOM_BENCH_DIR")).orElse(ROOT.resolve("../shared/bench").toString());
            exec(work.resolve("gen.log"), "python3", Path.of(benchDir, "gen_corpus.py").toString(), "--out", corpus.toString(),
                    "--count", Integer.toString(generated), "--seed", "42");
        }
        int n;
        try (Stream<Path> files = Files.walk(corpus)) {
            n = (int) files.filter(Files::isRegularFile).count();
        }
        String name = hugoSite.map(site -> String.format(Locale.ROOT, "%s (%,d)", site.getFileName(), n))
                .orElse(String.format(Locale.ROOT, "%,d", n));

        Process up = new ProcessBuilder(ROOT.resolve("newsroom").toString(), "up", "--port", "0", "--data-dir", data.toString(), "--no-seed")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Files.writeString(work.resolve("up.pid"), up.pid() + "\n");
        Runtime.getRuntime().addShutdownHook(new Thread(up::destroy));
        try {
            awaitUp(up, log);
            JsonNode endpoints = JSON.readTree(data.resolve("endpoints.json").toFile());
            URI site = URI.create(endpoints.get("site").asText());

            // The expected site, outside the timed part: the same files through the same code, the
            // source folder's root as the bucket's, so that its site.yaml, pages/ and assets/ count too.
            // It exits 1 when it refused a file (a real site's corrupt image): the live site refuses the same, so both compare.
            String exported = exec(work.resolve("export.log"), List.of(0, 1), ROOT.resolve("newsroom").toString(), "export",
                    source.toString(), export.toString(), "--site-url", site.toString());
            Matcher summary = Pattern.compile("exported (\\d+) articles into (\\d+) pages").matcher(exported);
            if (!summary.find()) {
                throw new IllegalStateException("./newsroom export printed no summary:\n" + exported);
            }
            Expected expected = Expected.of(export, site);
            System.err.printf("bulk %d: export wrote %s pages (%d files); uploading%n", n, summary.group(2), expected.md5().size());

            return measure(name, n, source, endpoints, site, log, expected, Integer.parseInt(summary.group(2)), timeout, up);
        } finally {
            up.destroy();
            if (!up.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                up.destroyForcibly().waitFor();
            }
        }
    }

    private static Result measure(String name, int n, Path source, JsonNode endpoints, URI site, Path log, Expected expected, int exportPages,
                                  Duration timeout, Process up) throws Exception {
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create(endpoints.get("accessKeyId").asText(),
                endpoints.get("secretAccessKey").asText()));
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(endpoints.get("s3").asText())).forcePathStyle(true)
                .region(Region.of(endpoints.get("region").asText())).credentialsProvider(creds)
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            RelateLog relate = new RelateLog(log);
            relate.poll();   // what the stack logged before the upload (nothing from relate with --no-seed)
            FloorPoller floor = new FloorPoller(site, expected.articleSlugs());
            SiteComparison comparison = new SiteComparison(s3, endpoints.get("siteBucket").asText(), expected, site);

            if (!endpoints.get("articlePrefix").asText().equals("articles/") || !endpoints.get("assetPrefix").asText().equals(SiteLayout.ASSETS)) {
                throw new IllegalStateException("the corpus folder is laid out for the prefixes articles/ and assets/: " + endpoints);
            }
            ProcessBuilder sync = new ProcessBuilder("/usr/bin/aws", "--endpoint-url", endpoints.get("s3").asText(), "s3", "sync",
                    source.toString(), "s3://" + endpoints.get("sourceBucket").asText() + "/",
                    "--only-show-errors").redirectErrorStream(true).redirectOutput(log.resolveSibling("sync.log").toFile());
            sync.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", endpoints.get("accessKeyId").asText(),
                    "AWS_SECRET_ACCESS_KEY", endpoints.get("secretAccessKey").asText(), "AWS_DEFAULT_REGION", endpoints.get("region").asText(),
                    "AWS_EC2_METADATA_DISABLED", "true", "AWS_PAGER", ""));

            String loadBefore = loadAverage();
            double stackCpuBefore = cpuSeconds(up.toHandle());
            double harnessCpuBefore = cpuSeconds(ProcessHandle.current());
            Instant start = Instant.now();
            long t0 = System.nanoTime();
            long deadline = t0 + timeout.toNanos();
            Process syncing = sync.start();
            Long syncMs = null;
            int syncExit = -1;
            Long floorMs = null;
            Long drainedMs = null;
            long drainedSeen = 0;
            Long equalSince = null;
            Comparison last = null;
            long nextCompare = 0;
            long rounds = 0;
            long roundMax = 0;
            while (true) {
                long now = System.nanoTime();
                if (syncMs == null && !syncing.isAlive()) {
                    syncMs = (now - t0) / 1_000_000;
                    syncExit = syncing.exitValue();
                    System.err.printf("bulk %d: aws s3 sync returned %d after %,d ms%n", n, syncExit, syncMs);
                }
                relate.poll();
                if (floorMs == null && floor.round()) {
                    floorMs = (System.nanoTime() - t0) / 1_000_000;
                    System.err.printf("bulk %d: every article page served after %,d ms; relate has written %,d pages so far%n", n, floorMs, relate.pages);
                }
                if (floorMs != null && drainedMs == null && syncMs != null && relate.drained(QUIET)) {
                    drainedMs = Duration.between(start, relate.lastActivity).toMillis();
                    drainedSeen = System.nanoTime();
                    nextCompare = 0;   // compare at once: the state after draining is the one that counts
                    System.err.printf("bulk %d: drained at %,d ms (%,d batches, %,d records, %,d pages)%n", n, drainedMs,
                            relate.batches, relate.records, relate.pages);
                }
                if (floorMs != null && System.nanoTime() >= nextCompare) {
                    long roundStart = System.nanoTime();
                    last = comparison.round();
                    long roundMs = (System.nanoTime() - roundStart) / 1_000_000;
                    rounds++;
                    roundMax = Math.max(roundMax, roundMs);
                    if (last.equal()) {
                        if (equalSince == null) {
                            equalSince = (roundStart - t0) / 1_000_000;
                        }
                    } else {
                        equalSince = null;
                    }
                    // At most a third of the time comparing: the comparison must not slow what it measures.
                    Duration interval = drainedMs == null ? COMPARE_INTERVAL_BUSY : COMPARE_INTERVAL_DRAINED;
                    nextCompare = System.nanoTime() + Math.max(interval.toNanos(), 2 * roundMs * 1_000_000);
                    if (drainedMs != null && (last.equal() || System.nanoTime() - drainedSeen >= SETTLE.toNanos())) {
                        break;
                    }
                }
                if (System.nanoTime() >= deadline) {
                    System.err.printf("bulk %d: stopped at the %d-minute limit%n", n, timeout.toMinutes());
                    break;
                }
                Thread.sleep(100);
            }
            if (syncing.isAlive()) {
                syncing.destroy();
            }
            return new Result(name, n, syncMs == null ? -1 : syncMs, syncExit, floorMs, floor.served(), drainedMs,
                    drainedMs != null && last != null && last.equal() ? equalSince : null, last, SETTLE.toSeconds(), relate,
                    exportPages, expected.md5().size(), rounds, roundMax, cpuSeconds(up.toHandle()) - stackCpuBefore,
                    cpuSeconds(ProcessHandle.current()) - harnessCpuBefore, loadBefore, loadAverage());
        }
    }

    private static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
    }

    /** The machine's 1-minute load average: these machines are shared, and a busy one slows every figure. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void awaitUp(Process up, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).lines().anyMatch(l -> l.startsWith("Newsroom is up"))) {
                return;
            }
            if (!up.isAlive()) {
                throw new IllegalStateException("./newsroom up ended:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("./newsroom up was not up within 3 minutes:\n" + Files.readString(log));
    }

    /** Runs a command to its end, its output in a file; answers the output, or fails with it. */
    private static String exec(Path output, String... command) throws Exception {
        return exec(output, List.of(0), command);
    }

    private static String exec(Path output, List<Integer> success, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        int code = p.waitFor();
        String text = Files.readString(output);
        if (!success.contains(code)) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + code + ":\n" + text);
        }
        return text;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The floor: every article page served

    /**
     * Asks the front for each article page not yet served, with HEAD, in the order the sync uploads them
     * (by file name). A round stops after a few misses, so it costs about the pages published since the
     * last round plus those misses, whatever N is.
     */
    static final class FloorPoller {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final URI site;
        private final List<String> pending;
        private final int total;

        FloorPoller(URI site, List<String> slugs) {
            this.site = site;
            this.pending = new ArrayList<>(slugs);
            this.total = slugs.size();
        }

        /** One round; true once every page has been served. */
        boolean round() throws IOException, InterruptedException {
            int misses = 0;
            for (var it = pending.iterator(); it.hasNext() && misses < MISSES_PER_ROUND; ) {
                String slug = it.next();
                HttpRequest head = HttpRequest.newBuilder(site.resolve("/articles/" + slug))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
                if (http.send(head, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    it.remove();
                } else {
                    misses++;
                }
            }
            return pending.isEmpty();
        }

        int served() {
            return total - pending.size();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The relate function's lines in the stack's log

    /**
     * Reads the stack's log as it grows: sums the relate function's batch lines ({@code records}, {@code pages},
     * {@code retried}) and remembers its last line, and whether that was the local stream mapping's line for a
     * finished batch ("RelateFunction stream batch of N → done in M ms", or "→ gave up", or the backlog's
     * "relate: consistent" line). While records wait, a batch running among them, the mapping's backlog line
     * ("relate: N records waiting") comes every second, so a quiet log after a finished batch means the
     * function is idle and the stream, polled every 250 ms, has nothing more.
     */
    static final class RelateLog {
        private final Path file;
        private long position;
        private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();
        int batches;
        int records;
        int pages;
        int retried;
        int errors;
        Instant lastActivity;
        private boolean lastWasFinishedBatch;
        private long lastChangeNanos = System.nanoTime();

        RelateLog(Path file) {
            this.file = file;
        }

        void poll() throws IOException {
            byte[] added;
            try (var channel = java.nio.channels.FileChannel.open(file)) {
                long size = channel.size();
                if (size <= position) {
                    return;
                }
                var buffer = java.nio.ByteBuffer.allocate((int) Math.min(size - position, 16 << 20));
                channel.read(buffer, position);
                position += buffer.position();
                added = java.util.Arrays.copyOf(buffer.array(), buffer.position());
            }
            int from = 0;
            for (int i = 0; i < added.length; i++) {
                if (added[i] == '\n') {
                    partial.write(added, from, i - from);
                    line(partial.toString(StandardCharsets.UTF_8));
                    partial.reset();
                    from = i + 1;
                }
            }
            partial.write(added, from, added.length - from);
        }

        private void line(String line) throws IOException {
            if (!line.startsWith("{")) {
                return;
            }
            JsonNode json = JSON.readTree(line);
            String logger = json.path("logger").asText();
            String message = json.path("message").asText();
            if ("ERROR".equals(json.path("level").asText())) {
                errors++;
            }
            boolean relateLine = logger.equals("dev.newsroom.relate.RelateHandler");
            boolean pumpLine = logger.equals("dev.newsroom.stack.StreamPump") && message.startsWith("RelateFunction stream batch");
            boolean backlogLine = logger.equals("dev.newsroom.stack.StreamPump") && message.startsWith("relate: ");
            if (!relateLine && !pumpLine && !backlogLine) {
                return;
            }
            if (relateLine && json.has("records")) {
                batches++;
                records += json.get("records").asInt();
                pages += json.path("pages").asInt();
                retried += json.path("retried").asInt();
            }
            lastActivity = Instant.parse(json.get("timestamp").asText());
            lastWasFinishedBatch = pumpLine && (message.contains("→ done") || message.contains("→ gave up"))
                    || backlogLine && message.startsWith("relate: consistent");
            lastChangeNanos = System.nanoTime();
        }

        boolean drained(Duration quiet) {
            return batches > 0 && lastWasFinishedBatch && System.nanoTime() - lastChangeNanos >= quiet.toNanos();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The live site against the export


    // ---------------------------------------------------------------------------------------------------------------
    // The report

    private static String report(List<Result> results, Duration timeout) {
        StringBuilder t = new StringBuilder();
        t.append("| articles | `aws s3 sync` returned | floor: every article page served | drained: relate idle, stream empty | drained − floor "
                + "| live site equals the export | pages written by relate (batches, records) | export's pages | written ÷ export |\n");
        t.append("|---:|---:|---:|---:|---:|---|---:|---:|---:|\n");
        for (Result r : results) {
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %,d (%,d, %,d) | %,d | %s |\n",
                    r.corpus(), r.syncExit() == 0 ? seconds(r.syncMs()) : "exit " + r.syncExit(),
                    r.floorMs() == null ? "not served after " + timeout.toMinutes() + " min (" + r.served() + " of " + r.articles() + ")" : seconds(r.floorMs()),
                    r.drainedMs() == null ? "not drained after " + timeout.toMinutes() + " min" : seconds(r.drainedMs()),
                    r.drainedMs() == null || r.floorMs() == null ? "" : "+" + seconds(r.drainedMs() - r.floorMs()),
                    equalCell(r, timeout),
                    r.relate().pages, r.relate().batches, r.relate().records, r.exportPages(),
                    String.format(Locale.ROOT, "%.2f×", r.relate().pages / (double) r.exportPages())));
        }
        t.append("\n");
        for (Result r : results) {
            t.append(String.format(Locale.ROOT, "- %s articles: the export wrote %,d pages (%,d files with the comment script); "
                    + "relate retried %,d records; %,d ERROR lines in the stack's log; CPU from the sync's start: the stack %.0f s, this harness %.0f s "
                    + "(%,d comparisons of the site bucket, the longest %,d ms); the machine's load average %s before, %s after.\n",
                    r.corpus(), r.exportPages(), r.exportFiles(), r.relate().retried, r.relate().errors, r.stackCpuSeconds(),
                    r.harnessCpuSeconds(), r.compareRounds(), r.compareMsMax(), r.loadBefore(), r.loadAfter()));
            Comparison c = r.lastComparison();
            if (c != null && !c.equal()) {
                t.append("  Differing at the end, by kind: ").append(byKind(c)).append(".\n");
                if (c.exampleDiff() != null) {
                    t.append("  For example `").append(c.exampleKey()).append("`, the export's lines (-) against the live page's (+):\n\n");
                    t.append("  ```diff\n");
                    c.exampleDiff().lines().forEach(l -> t.append("  ").append(l).append('\n'));
                    t.append("  ```\n");
                }
            }
        }
        return t.toString();
    }

    private static String equalCell(Result r, Duration timeout) {
        Comparison c = r.lastComparison();
        if (r.equalMs() != null) {
            return seconds(r.equalMs());
        }
        if (c == null) {
            return "not compared (not served)";
        }
        String when = r.drainedMs() == null ? "at the " + timeout.toMinutes() + "-minute limit" : r.settleSeconds() + " s after draining";
        return "differs " + when + ": " + byKind(c);
    }

    /** "143 of 200 article pages differ; 2 listing pages missing", and the kinds that are equal. */
    private static String byKind(Comparison c) {
        Map<String, Map<String, Integer>> differing = new TreeMap<>();
        c.differing().forEach((key, how) -> differing.computeIfAbsent(ExportComparison.kind(key), k -> new TreeMap<>()).merge(how, 1, Integer::sum));
        String unequal = differing.entrySet().stream().map(e -> e.getValue().entrySet().stream()
                .map(s -> String.format(Locale.ROOT, "%,d of %,d %s %s", s.getValue(), c.totals().getOrDefault(e.getKey(), 0), e.getKey(),
                        s.getKey().equals("differs") ? "differ" : s.getKey().equals("missing") ? "missing" : "extra (not in the export)"))
                .collect(Collectors.joining(", "))).collect(Collectors.joining("; "));
        String equal = c.totals().keySet().stream().filter(k -> !differing.containsKey(k)).collect(Collectors.joining(", "));
        return unequal + (equal.isEmpty() ? "" : "; " + equal + " equal");
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
