package dev.newsroom.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A siteverify endpoint on loopback that speaks the reCAPTCHA v3, hCaptcha and Turnstile protocols
 * (form-encoded POST of {@code secret} and {@code response}; their JSON answers), for tests and the
 * local stack. Tokens say what to answer, and each is single-use, as real tokens are:
 *
 * <pre>
 * test-pass[:N]              success: score 0.9, action "comment", the default hostname, challenged now
 * test-pass-score-0.2[:N]    success with that score
 * test-hostname-evil.example[:N], test-action-signup[:N]   success, with that hostname or action
 * test-stale[:N]             success, but challenged an hour ago
 * test-fail[:N]              not successful (invalid-input-response)
 * test-slow[:N]              answers after 10 s
 * test-5xx[:N], test-html[:N]   a 503, or an HTML page instead of JSON
 * </pre>
 *
 * Anything after a colon makes a token unique. A token used twice gets the provider's replay error. A wrong secret gets invalid-input-secret.
 */
public final class SiteverifyServer implements AutoCloseable {

    public static final String RECAPTCHA_PATH = "/recaptcha/api/siteverify";
    public static final String HCAPTCHA_PATH = "/siteverify";
    public static final String TURNSTILE_PATH = "/turnstile/v0/siteverify";

    private final HttpServer server;
    private final String secret;
    private final String hostname;
    private final Set<String> used = ConcurrentHashMap.newKeySet();

    public SiteverifyServer(String secret, String hostname) throws IOException {
        this.secret = secret;
        this.hostname = hostname;
        this.server = LoopbackHttpServer.create(0, 16);
        server.createContext(RECAPTCHA_PATH, exchange -> answer(exchange, "recaptcha"));
        server.createContext(TURNSTILE_PATH, exchange -> answer(exchange, "turnstile"));
        server.createContext(HCAPTCHA_PATH, exchange -> answer(exchange, "hcaptcha"));
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "siteverify");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** The siteverify URL of one provider: recaptcha, hcaptcha or turnstile. */
    public URI url(String provider) {
        String path = switch (provider) {
            case "recaptcha" -> RECAPTCHA_PATH;
            case "hcaptcha" -> HCAPTCHA_PATH;
            case "turnstile" -> TURNSTILE_PATH;
            default -> throw new IllegalArgumentException("unknown captcha provider " + provider);
        };
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void answer(HttpExchange exchange, String provider) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                LoopbackHttpServer.send(exchange, 405, "text/plain", "POST only");
                return;
            }
            Map<String, String> form = FormFields.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String token = form.getOrDefault("response", "");
            if (!secret.equals(form.get("secret"))) {
                fail(exchange, "invalid-input-secret");
                return;
            }
            if (token.isEmpty()) {
                fail(exchange, "missing-input-response");
                return;
            }
            if (!used.add(token)) {
                fail(exchange, provider.equals("hcaptcha") ? "invalid-or-already-seen-response" : "timeout-or-duplicate");
                return;
            }
            String kind = token.contains(":") ? token.substring(0, token.indexOf(':')) : token;
            Instant challenged = Instant.now();
            String host = hostname;
            String action = "comment";
            double score = 0.9;
            if (kind.equals("test-slow")) {
                waitSeconds(10);
            } else if (kind.equals("test-5xx")) {
                LoopbackHttpServer.send(exchange, 503, "text/plain", "Service Unavailable");
                return;
            } else if (kind.equals("test-html")) {
                LoopbackHttpServer.send(exchange, 200, "text/html", "<html><body>Oops</body></html>");
                return;
            } else if (kind.startsWith("test-pass-score-")) {
                score = Double.parseDouble(kind.substring("test-pass-score-".length()));
            } else if (kind.startsWith("test-hostname-")) {
                host = kind.substring("test-hostname-".length());
            } else if (kind.startsWith("test-action-")) {
                action = kind.substring("test-action-".length());
            } else if (kind.equals("test-stale")) {
                challenged = challenged.minus(Duration.ofHours(1));
            } else if (!kind.equals("test-pass")) {
                fail(exchange, "invalid-input-response");
                return;
            }
            StringBuilder json = new StringBuilder("{\"success\":true,\"challenge_ts\":\"").append(challenged)
                    .append("\",\"hostname\":\"").append(host).append('"');
            switch (provider) {
                case "recaptcha" -> json.append(",\"score\":").append(score).append(",\"action\":\"").append(action).append('"');
                case "turnstile" -> json.append(",\"action\":\"").append(action).append("\",\"cdata\":\"\",\"error-codes\":[]");
                default -> json.append(",\"credit\":false");
            }
            LoopbackHttpServer.send(exchange, 200, "application/json", json.append('}').toString());
        }
    }

    private static void fail(HttpExchange exchange, String code) throws IOException {
        LoopbackHttpServer.send(exchange, 200, "application/json", "{\"success\":false,\"error-codes\":[\"" + code + "\"]}");
    }

    private static void waitSeconds(int seconds) {
        try {
            new java.util.concurrent.CountDownLatch(1).await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
