package dev.newsroom.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code failed-events/}: the local stand-in for the functions' failure destinations (Lambda's
 * on-failure destination, the stream mapping's, and the scheduler's dead-letter queue). Each event
 * that outlasted its retries is kept whole, under its function's folder.
 */
final class FailedEvents {

    private FailedEvents() {
    }

    /** Keeps {@code event} as {@code name} under {@code functionId}'s folder; returns where. */
    static Path keep(Path failedEvents, String functionId, String name, String event) {
        try {
            Path dir = Files.createDirectories(failedEvents.resolve(functionId));
            return Files.writeString(dir.resolve(name), event, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the failed event in " + failedEvents, e);
        }
    }
}
