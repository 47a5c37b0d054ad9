package dev.newsroom.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What some code writes on standard output while it runs, where the functions' log lines go. */
public record LogCapture(String text, List<JsonNode> lines) {

    /** Runs {@code action} with standard output captured; the JSON lines are parsed, the rest kept as text. */
    public static LogCapture of(Runnable action) {
        PrintStream original = System.out;
        var buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("{")) {
                try {
                    lines.add(LocalJson.mapper().readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("not a JSON line: " + line, e);
                }
            }
        }
        return new LogCapture(text, List.copyOf(lines));
    }
}
