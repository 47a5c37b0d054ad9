package dev.newsroom.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.testkit.LocalJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * The console, passed through unchanged, with each of the functions' JSON log lines that reports
 * a batch ({@code function_name} and {@code pages}, with {@code deferred}, {@code settled} and
 * {@code durationMs} where the function logs them, as the relate function's batch line does)
 * handed on: how the backlog line counts pages written and changes waiting to settle without
 * changing how functions log.
 */
final class BatchLineTap extends OutputStream {

    /** Longer lines are passed through unread: a batch line is a few hundred bytes. */
    private static final int LONGEST_LINE_READ = 64 * 1024;

    private final OutputStream console;
    private final BiConsumer<String, BatchLine> batchLogged;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /** @param batchLogged given the function's name and what its batch line says */
    BatchLineTap(OutputStream console, BiConsumer<String, BatchLine> batchLogged) {
        this.console = console;
        this.batchLogged = batchLogged;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        console.write(b);
        take(b);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        console.write(bytes, offset, length);
        for (int i = offset; i < offset + length; i++) {
            take(bytes[i]);
        }
    }

    @Override
    public void flush() throws IOException {
        console.flush();
    }

    private void take(int b) {
        if (b == '\n') {
            if (line.size() <= LONGEST_LINE_READ) {
                read(line.toString(StandardCharsets.UTF_8));
            }
            line.reset();
        } else if (line.size() <= LONGEST_LINE_READ) {
            line.write(b);
        }
    }

    private void read(String text) {
        if (!text.startsWith("{") || !text.contains("\"pages\"")) {
            return;
        }
        try {
            JsonNode json = LocalJson.mapper().readTree(text);
            JsonNode function = json.path("function_name");
            JsonNode pages = json.path("pages");
            if (function.isTextual() && pages.isInt()) {
                batchLogged.accept(function.asText(), new BatchLine(pages.asInt(), json.path("deferred").asInt(0),
                        json.path("settled").asInt(0), json.path("durationMs").asLong(0)));
            }
        } catch (IOException e) {
            // Not JSON after all: a line like any other.
        }
    }
}
