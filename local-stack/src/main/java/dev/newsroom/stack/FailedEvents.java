package dev.newsroom.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code failed-events/}: the local stand-in for the functions' failure destinations (Lambda's
 * on-failure destination, the stream mapping's, and the scheduler's dead-letter queue). Each event
 * that outlasted its retries is kept whole, under its function's folder, until it is redriven.
 */
final class FailedEvents {

    static final String FOLDER = "failed-events";

    private FailedEvents() {
    }

    /** Keeps {@code event} as {@code name} under {@code functionId}'s folder, whole or not at all; returns where. */
    static Path keep(Path failedEvents, String functionId, String name, String event) {
        try {
            Path dir = Files.createDirectories(failedEvents.resolve(functionId));
            Path temporary = Files.writeString(dir.resolve(name + ".tmp"), event, StandardCharsets.UTF_8);
            return Files.move(temporary, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the failed event in " + failedEvents, e);
        }
    }

    /** Moves an event from its function's queue to its failure destination, under the same name; returns where. */
    static Path keepQueued(Path failedEvents, String functionId, Path queued) {
        try {
            Path dir = Files.createDirectories(failedEvents.resolve(functionId));
            return Files.move(queued, dir.resolve(queued.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the failed event in " + failedEvents, e);
        }
    }

    /**
     * Moves every kept event back to its function's queue ({@link AsyncInvocations}), where a running
     * stack delivers it within a second, and a stopped one when it starts; returns how many, by
     * function. A stream's batch goes back as its event: the stream functions are safe to replay.
     */
    static Map<String, Integer> redrive(Path dataDir) {
        Path failedEvents = dataDir.resolve(FOLDER);
        Map<String, Integer> moved = new TreeMap<>();
        if (!Files.isDirectory(failedEvents)) {
            return moved;
        }
        try (Stream<Path> functions = Files.list(failedEvents)) {
            for (Path folder : functions.filter(Files::isDirectory).toList()) {
                Path queue = Files.createDirectories(dataDir.resolve(AsyncInvocations.QUEUE).resolve(folder.getFileName()));
                try (Stream<Path> events = Files.list(folder)) {
                    for (Path event : events.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".tmp")).toList()) {
                        // Moved whole, under a name of its own (never one an event still queued has), as the queue reads it.
                        String name = "redriven-" + System.currentTimeMillis() + "-" + event.getFileName();
                        Files.move(event, queue.resolve(name.endsWith(".json") ? name : name + ".json"), StandardCopyOption.ATOMIC_MOVE);
                        moved.merge(folder.getFileName().toString(), 1, Integer::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not move the failed events of " + failedEvents + " back to their queues", e);
        }
        return moved;
    }
}
