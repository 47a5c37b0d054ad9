package dev.newsroom.comments;

import java.util.Map;
import java.util.Optional;

/**
 * A comment as submitted, before any rule: the raw field values by name, from a JSON body or a
 * form post alike.
 */
record CommentInput(Map<String, String> fields) {

    /** What a submission may contain. The captcha widgets' own field names are read as the token. */
    static final java.util.Set<String> KNOWN = java.util.Set.of("name", "email", "website", "body", "parentId",
            "captchaToken", "company", "g-recaptcha-response", "h-captcha-response", "cf-turnstile-response");

    /** The honeypot: a field people never see and bots fill in. */
    static final String HONEYPOT = "company";

    Optional<String> get(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    Optional<String> captchaToken() {
        return get("captchaToken").or(() -> get("g-recaptcha-response")).or(() -> get("h-captcha-response"))
                .or(() -> get("cf-turnstile-response"));
    }
}
