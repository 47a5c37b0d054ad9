package dev.newsroom.comments;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/** The three siteverify services, with what differs between them. */
enum CaptchaProvider {
    RECAPTCHA("https://www.google.com/recaptcha/api/siteverify", true, true, Set.of("6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe")),
    HCAPTCHA("https://api.hcaptcha.com/siteverify", false, false, Set.of("0x0000000000000000000000000000000000000000")),
    TURNSTILE("https://challenges.cloudflare.com/turnstile/v0/siteverify", false, true, Set.of(
            "1x0000000000000000000000000000000AA", "2x0000000000000000000000000000000AA", "3x0000000000000000000000000000000AA"));

    private final URI endpoint;
    private final boolean scores;
    private final boolean actions;
    private final Set<String> testSecrets;

    /** @param testSecrets the secrets the provider publishes for tests: its siteverify then passes (or fails) every token */
    CaptchaProvider(String endpoint, boolean scores, boolean actions, Set<String> testSecrets) {
        this.endpoint = URI.create(endpoint);
        this.scores = scores;
        this.actions = actions;
        this.testSecrets = testSecrets;
    }

    boolean isTestSecret(String secret) {
        return testSecrets.contains(secret.strip());
    }

    URI endpoint() {
        return endpoint;
    }

    /** Whether answers carry a score (reCAPTCHA v3; hCaptcha only on Enterprise, not relied on). */
    boolean scores() {
        return scores;
    }

    /** Whether answers carry the action the page asked for. */
    boolean actions() {
        return actions;
    }

    static CaptchaProvider of(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }
}
