package dev.newsroom.bench;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** A reader of the local front, for the benchmarks: waits for a page as a reader refreshing it would. */
final class FrontReader {

    private static final Duration POLL = Duration.ofMillis(5);

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI front;

    FrontReader(URI front) {
        this.front = front;
    }

    /** Asks for the path every 5 ms until it is served with a body that passes; fails after the deadline. */
    void awaitServed(String path, Predicate<String> wanted, Duration deadline) {
        HttpRequest request = HttpRequest.newBuilder(front.resolve(path)).build();
        await(path).atMost(deadline).pollDelay(Duration.ZERO).pollInterval(POLL).until(() -> {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && wanted.test(response.body());
        });
    }
}
