package dev.newsroom.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.newsroom.migrate.ImportPlan.Outcome;
import dev.newsroom.migrate.ImportPlan.Result;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** An import's report: a summary by outcome and by cause for the terminal, and every file's outcome as JSON. */
public final class ImportReport {

    private static final int EXAMPLES = 3;

    private ImportReport() {
    }

    public static void print(ImportPlan plan, PrintWriter out) {
        plan.assumptions().forEach(assumption -> out.println("  " + assumption));
        Map<Result, List<Outcome>> byResult = new EnumMap<>(Result.class);
        plan.outcomes().forEach(outcome -> byResult.computeIfAbsent(outcome.result(), r -> new ArrayList<>()).add(outcome));
        out.printf("%d %s: %s%n", plan.outcomes().size(), plan.unit(), byResult.entrySet().stream()
                .map(e -> e.getValue().size() + " " + e.getKey().label()).collect(Collectors.joining(", ")));
        for (Result result : List.of(Result.REFUSED, Result.NOT_IMPORTED)) {
            Map<String, List<Outcome>> byCause = new TreeMap<>();
            byResult.getOrDefault(result, List.of()).forEach(o -> byCause.computeIfAbsent(o.cause(), c -> new ArrayList<>()).add(o));
            if (!byCause.isEmpty()) {
                out.println(result.label() + ", by cause:");
            }
            byCause.forEach((cause, outcomes) -> {
                out.printf("  %4d  %s%n", outcomes.size(), cause);
                outcomes.stream().limit(EXAMPLES).forEach(o -> out.println("          " + o.file()
                        + (o.details().isEmpty() ? "" : ": " + String.join("; ", o.details()))));
            });
        }
        List<Outcome> warned = byResult.getOrDefault(Result.WARNED, List.of());
        if (!warned.isEmpty()) {
            out.println("published with warnings:");
            warned.forEach(o -> out.println("  " + o.file() + ": " + String.join("; ", o.details())));
        }
    }

    public static void write(ImportPlan plan, Path file) throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("assumptions", plan.assumptions());
        report.put("outcomes", plan.outcomes().stream().map(o -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", o.file());
            entry.put("outcome", o.result().label());
            entry.put("cause", o.cause());
            entry.put("details", o.details());
            entry.put("originalUrl", o.originalUrl().orElse(null));
            entry.put("newsroomUrl", o.newsroomUrl().orElse(null));
            return entry;
        }).toList());
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
    }
}
