package dev.newsroom.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console passes through the tap unchanged, and the functions' lines that report a batch are read. */
class BatchLineTapTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<String> counted = new ArrayList<>();
    private final BatchLineTap tap = new BatchLineTap(console, (function, batch) -> counted.add(function + " " + batch.pages()
            + (batch.deferred() + batch.settled() + batch.durationMs() > 0
                    ? " deferred " + batch.deferred() + " settled " + batch.settled() + " in " + batch.durationMs() + " ms" : "")));

    @Test
    void passesEveryByteThroughAndCountsBatchLinesWrittenInPieces() throws IOException {
        String output = """
                Newsroom is up (ready in 900 ms)
                {"level":"INFO","message":"batch of 3 records: 54 pages written","function_name":"RelateFunction","records":3,"pages":54}
                {"level":"INFO","message":"PublishFunction ObjectCreated:Put articles/a.md → done in 85 ms"}
                12:00:01.000 a warning from a library, "pages": 3
                {"level":"INFO","message":"batch of 1 records: 7 pages written","function_name":"RelateFunction","records":1,"pages":7}
                {"message":"batch of 40 records: 0 pages written, 40 changes deferred","function_name":"RelateFunction","pages":0,"deferred":40,"settled":0,"durationMs":900}
                {"message":"batch of 1 records: 9981 pages written, 5000 waiting changes settled","function_name":"RelateFunction","pages":9981,"deferred":0,"settled":5000,"durationMs":35923}
                """;
        byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
        for (int from = 0; from < bytes.length; from += 37) {
            tap.write(bytes, from, Math.min(37, bytes.length - from));
        }
        assertArrayEquals(bytes, console.toByteArray());
        assertEquals(List.of("RelateFunction 54", "RelateFunction 7", "RelateFunction 0 deferred 40 settled 0 in 900 ms",
                "RelateFunction 9981 deferred 0 settled 5000 in 35923 ms"), counted);
    }

    @Test
    void aLineCutShortIsNotCountedUntilItEnds() throws IOException {
        tap.write("{\"function_name\":\"RelateFunction\",\"pages\":5}".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), counted);
        tap.write('\n');
        assertEquals(List.of("RelateFunction 5"), counted);
    }

    @Test
    void linesThatOnlyLookLikeBatchLinesAreNotCounted() throws IOException {
        tap.write("""
                {"function_name":"RelateFunction","pages":"many"}
                {"pages":4}
                {"function_name":"RelateFunction","pages":
                """.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), counted);
    }
}
