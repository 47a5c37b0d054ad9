package dev.newsroom.comments;

import dev.newsroom.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Asks the provider's siteverify endpoint about a token: a form-encoded POST with the secret, the
 * token and the client's address, within a few seconds. It fails closed (E5): a timeout, an error
 * status, an answer that is not JSON, or no secret all mean {@link CaptchaVerdict.Outcome#UNAVAILABLE}.
 * The secret and the token are never logged.
 */
final class SiteverifyClient {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** Made for the first token: listing comments, most of the function's work, never needs it, and it is slow to make. */
    private volatile HttpClient http;
    private final URI endpoint;
    private final String secret;
    private final String siteKey;
    private final CaptchaPolicy policy;
    private final Clock clock;

    private final java.util.Optional<String> closedBecause;

    /** @param secret the provider's secret; none closes posting, as a published test secret does against the provider itself */
    SiteverifyClient(URI endpoint, java.util.Optional<String> secret, String siteKey, CaptchaPolicy policy, Clock clock) {
        this.endpoint = endpoint;
        this.secret = secret.map(String::strip).orElse("");
        this.siteKey = siteKey;
        this.policy = policy;
        this.clock = clock;
        this.closedBecause = closedBecause(policy.provider(), this.secret, endpoint);
    }

    /**
     * Why comments cannot be posted with this configuration, if they cannot: no secret, or one of the
     * provider's published test secrets sent anywhere but a local stand-in of siteverify on loopback:
     * the provider's own siteverify passes every token with it.
     */
    static java.util.Optional<String> closedBecause(CaptchaProvider provider, String secret, URI endpoint) {
        if (secret.isEmpty()) {
            return java.util.Optional.of("no captcha secret is configured (CAPTCHA_SECRET_PARAMETER names an empty or missing parameter)");
        }
        if (provider.isTestSecret(secret) && !"127.0.0.1".equals(endpoint.getHost()) && !"localhost".equals(endpoint.getHost())) {
            return java.util.Optional.of("the captcha secret is " + provider.name().toLowerCase(java.util.Locale.ROOT)
                    + "'s published test secret, with which its siteverify passes every token");
        }
        return java.util.Optional.empty();
    }

    /** Why posting is closed, if it is ({@link #closedBecause(CaptchaProvider, String, URI)}). */
    java.util.Optional<String> closedBecause() {
        return closedBecause;
    }

    CaptchaVerdict verify(String token, String clientIp) {
        if (token.isEmpty()) {
            return CaptchaVerdict.failed("no token");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("secret", secret);
        form.put("response", token);
        form.put("remoteip", clientIp);
        if (policy.provider() == CaptchaProvider.HCAPTCHA && !siteKey.isEmpty()) {
            form.put("sitekey", siteKey);
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        try {
            HttpResponse<String> response = http().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return unavailable("siteverify answered " + response.statusCode());
            }
            Object answer;
            try {
                answer = Json.read(response.body());
            } catch (IOException notJson) {
                return unavailable("siteverify answered something other than JSON");
            }
            if (!(answer instanceof Map)) {
                return unavailable("siteverify answered something other than a JSON object");
            }
            return policy.judge(Json.object(answer), clock.instant());
        } catch (IOException e) {
            return unavailable("siteverify unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted");
        }
    }

    /** Makes the HTTP client now, for a snapshot to hold (SnapStart). */
    void prime() {
        http();
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
                }
                client = http;
            }
        }
        return client;
    }

    private static CaptchaVerdict unavailable(String reason) {
        return new CaptchaVerdict(CaptchaVerdict.Outcome.UNAVAILABLE, java.util.Optional.empty(), reason);
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
