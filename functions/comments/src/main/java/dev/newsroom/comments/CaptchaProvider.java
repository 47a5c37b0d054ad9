package dev.newsroom.comments;

import java.net.URI;
import java.util.Locale;

/** The three siteverify services, with what differs between them. */
enum CaptchaProvider {
    RECAPTCHA("https://www.google.com/recaptcha/api/siteverify", true, true),
    HCAPTCHA("https://api.hcaptcha.com/siteverify", false, false),
    TURNSTILE("https://challenges.cloudflare.com/turnstile/v0/siteverify", false, true);

    private final URI endpoint;
    private final boolean scores;
    private final boolean actions;

    CaptchaProvider(String endpoint, boolean scores, boolean actions) {
        this.endpoint = URI.create(endpoint);
        this.scores = scores;
        this.actions = actions;
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
