package dev.newsroom.comments;

import dev.newsroom.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every check a careful server makes on a siteverify answer (E1–E4), as pure code: success, the
 * hostname allowlist, the action, the reCAPTCHA score threshold, and the age of the challenge.
 * Anything missing or malformed fails.
 */
record CaptchaPolicy(CaptchaProvider provider, Set<String> hostnames, String action, double minimumScore,
                     Duration maximumAge) {

    CaptchaVerdict judge(Map<String, Object> answer, Instant now) {
        if (!Boolean.TRUE.equals(answer.get("success"))) {
            return CaptchaVerdict.failed("not successful: " + Json.write(answer.get("error-codes")));
        }
        if (!hostnames.contains(Json.text(answer.get("hostname"), ""))) {
            return CaptchaVerdict.failed("hostname " + Json.text(answer.get("hostname"), "(none)") + " is not the site's");
        }
        if (provider.actions() && !action.equals(Json.text(answer.get("action"), ""))) {
            return CaptchaVerdict.failed("action " + Json.text(answer.get("action"), "(none)") + " is not " + action);
        }
        try {
            Instant challenged = Instant.parse(Json.text(answer.get("challenge_ts"), ""));
            if (challenged.isBefore(now.minus(maximumAge)) || challenged.isAfter(now.plus(Duration.ofMinutes(5)))) {
                return CaptchaVerdict.failed("challenge of " + challenged + " is too old");
            }
        } catch (DateTimeParseException e) {
            return CaptchaVerdict.failed("no valid challenge_ts");
        }
        if (!provider.scores()) {
            return CaptchaVerdict.passed(Optional.empty());
        }
        if (!(answer.get("score") instanceof Number number)) {
            return CaptchaVerdict.failed("no score");
        }
        double score = number.doubleValue();
        if (score < minimumScore) {
            return new CaptchaVerdict(CaptchaVerdict.Outcome.LOW_SCORE, Optional.of(score), "score " + score + " is under " + minimumScore);
        }
        return CaptchaVerdict.passed(Optional.of(score));
    }
}
