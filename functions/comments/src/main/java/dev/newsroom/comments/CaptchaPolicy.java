package dev.newsroom.comments;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Every check a careful server makes on a siteverify answer (E1–E4), as pure code: success, the
 * hostname allowlist, the action, the reCAPTCHA score threshold, and the age of the challenge.
 * Anything missing or malformed fails.
 */
record CaptchaPolicy(CaptchaProvider provider, Set<String> hostnames, String action, double minimumScore,
                     Duration maximumAge) {

    CaptchaVerdict judge(JsonNode answer, Instant now) {
        if (!answer.path("success").isBoolean() || !answer.path("success").asBoolean()) {
            return CaptchaVerdict.failed("not successful: " + answer.path("error-codes"));
        }
        if (!hostnames.contains(answer.path("hostname").asText(""))) {
            return CaptchaVerdict.failed("hostname " + answer.path("hostname").asText("(none)") + " is not the site's");
        }
        if (provider.actions() && !action.equals(answer.path("action").asText(""))) {
            return CaptchaVerdict.failed("action " + answer.path("action").asText("(none)") + " is not " + action);
        }
        try {
            Instant challenged = Instant.parse(answer.path("challenge_ts").asText(""));
            if (challenged.isBefore(now.minus(maximumAge)) || challenged.isAfter(now.plus(Duration.ofMinutes(5)))) {
                return CaptchaVerdict.failed("challenge of " + challenged + " is too old");
            }
        } catch (DateTimeParseException e) {
            return CaptchaVerdict.failed("no valid challenge_ts");
        }
        if (!provider.scores()) {
            return CaptchaVerdict.passed(Optional.empty());
        }
        JsonNode score = answer.path("score");
        if (!score.isNumber()) {
            return CaptchaVerdict.failed("no score");
        }
        if (score.asDouble() < minimumScore) {
            return new CaptchaVerdict(CaptchaVerdict.Outcome.LOW_SCORE, Optional.of(score.asDouble()),
                    "score " + score.asDouble() + " is under " + minimumScore);
        }
        return CaptchaVerdict.passed(Optional.of(score.asDouble()));
    }
}
