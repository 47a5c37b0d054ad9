package dev.newsroom.bench;

import dev.newsroom.core.image.ImageVariants;
import dev.newsroom.core.image.InvalidImageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Width variants of real photos and screenshots, as the publish function makes them on upload and
 * in the {@code image-sizes} upgrade: every JPEG and PNG under a folder, one after another, on one
 * thread, in the JVM the launcher gives it (the functions' flags). Reports the time per image by
 * width class, so an operator can tell what a site's photos cost and how many one upgrade run sizes.
 *
 * <p>Usage: {@code ImagesBenchmark FOLDER}.
 */
public final class ImagesBenchmark {

    private record Made(int width, long bytes, long micros, int variants) {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).filter(p -> ImageVariants.handles(p.toString())).sorted().toList();
        }
        // One pass to load and compile the code the way a warm function has it, then the measured pass.
        files.stream().limit(20).forEach(ImagesBenchmark::make);
        List<Made> made = new ArrayList<>();
        int refused = 0;
        long start = System.nanoTime();
        for (Path file : files) {
            Made one = make(file);
            if (one == null) {
                refused++;
            } else {
                made.add(one);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder table = new StringBuilder("| images | count | MB | median ms | p95 ms | max ms | variants made |\n|---|---:|---:|---:|---:|---:|---:|\n");
        row(table, "wider than 1,600 px", made.stream().filter(m -> m.width() > 1600).toList());
        row(table, "961–1,600 px", made.stream().filter(m -> m.width() > 960 && m.width() <= 1600).toList());
        row(table, "960 px or narrower", made.stream().filter(m -> m.width() <= 960).toList());
        row(table, "all", made);
        table.append(String.format(Locale.ROOT, "%n%d images in %.1f s on one thread (%d refused as corrupt or not JPEG/PNG): %.1f images a second.%n",
                made.size(), seconds, refused, made.size() / seconds));
        BenchmarkReport.publish("images", ImagesBenchmark.class, table.toString());
    }

    private static Made make(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            long start = System.nanoTime();
            ImageVariants.Result result = ImageVariants.process(bytes);
            return new Made(result.size().width(), bytes.length, (System.nanoTime() - start) / 1000, result.variants().size());
        } catch (InvalidImageException e) {
            return null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void row(StringBuilder table, String name, List<Made> made) {
        if (made.isEmpty()) {
            return;
        }
        long[] micros = made.stream().mapToLong(Made::micros).sorted().toArray();
        table.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.0f | %.0f | %.0f | %d |%n", name, made.size(),
                made.stream().mapToLong(Made::bytes).sum() / 1e6, micros[micros.length / 2] / 1e3,
                micros[(int) Math.min(micros.length - 1, Math.ceil(micros.length * 0.95) - 1)] / 1e3, micros[micros.length - 1] / 1e3,
                made.stream().mapToInt(Made::variants).sum()));
    }

    private ImagesBenchmark() {
    }
}
