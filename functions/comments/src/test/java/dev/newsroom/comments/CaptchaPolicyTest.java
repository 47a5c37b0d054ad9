package dev.newsroom.comments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a siteverify answer must say for a comment to pass (E1–E4). */
class CaptchaPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static CaptchaPolicy policy(CaptchaProvider provider) {
        return new CaptchaPolicy(provider, Set.of("news.example.org"), "comment", 0.5, Duration.ofMinutes(5));
    }

    /** A good reCAPTCHA answer, with these entries changed; a null value leaves an entry out. */
    private static Map<String, Object> answer(Object... entries) {
        Map<String, Object> answer = new HashMap<>(Map.of("success", true, "hostname", "news.example.org", "action", "comment",
                "challenge_ts", NOW.minusSeconds(60).toString(), "score", 0.9));
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i + 1] == null) {
                answer.remove((String) entries[i]);
            } else {
                answer.put((String) entries[i], entries[i + 1]);
            }
        }
        return answer;
    }

    private static CaptchaVerdict.Outcome judged(CaptchaProvider provider, Map<String, Object> answer) {
        return policy(provider).judge(answer, NOW).outcome();
    }

    private static CaptchaVerdict.Outcome recaptcha(Map<String, Object> answer) {
        return judged(CaptchaProvider.RECAPTCHA, answer);
    }

    @Test
    void passesAGoodAnswerWithItsScore() {
        assertEquals(CaptchaVerdict.passed(Optional.of(0.9)), policy(CaptchaProvider.RECAPTCHA).judge(answer(), NOW));
    }

    @Test
    void refusesAnUnsuccessfulAnswer_E1() {
        assertEquals(CaptchaVerdict.Outcome.FAILED, recaptcha(answer("success", false)));
        assertEquals(CaptchaVerdict.Outcome.FAILED, recaptcha(answer("success", "true")), "only JSON true");
        assertEquals(CaptchaVerdict.Outcome.FAILED, recaptcha(answer("success", null)));
    }

    @Test
    void refusesAReplayedToken_E4() {
        for (String code : List.of("timeout-or-duplicate", "invalid-or-already-seen-response")) {
            assertEquals(CaptchaVerdict.Outcome.FAILED,
                    recaptcha(answer("success", false, "error-codes", List.of(code))), code);
        }
    }

    @Test
    void refusesAnotherHostname_E2() {
        assertEquals(CaptchaVerdict.Outcome.FAILED, recaptcha(answer("hostname", "evil.example")));
        assertEquals(CaptchaVerdict.Outcome.FAILED, recaptcha(answer("hostname", null)));
    }

    @Test
    void refusesAnotherActionWhereProvidersReportOne_E2() {
        for (CaptchaProvider provider : List.of(CaptchaProvider.RECAPTCHA, CaptchaProvider.TURNSTILE)) {
            assertEquals(CaptchaVerdict.Outcome.FAILED, judged(provider, answer("action", "signup")), provider.name());
            assertEquals(CaptchaVerdict.Outcome.FAILED, judged(provider, answer("action", null)), provider.name());
        }
        assertEquals(CaptchaVerdict.Outcome.PASSED, judged(CaptchaProvider.HCAPTCHA, answer("action", null)),
                "hCaptcha answers carry no action");
    }

    @Test
    void refusesAStaleFutureOrMissingChallenge_E2() {
        assertEquals(CaptchaVerdict.Outcome.FAILED, recaptcha(answer("challenge_ts", NOW.minusSeconds(301).toString())));
        assertEquals(CaptchaVerdict.Outcome.PASSED, recaptcha(answer("challenge_ts", NOW.minusSeconds(299).toString())));
        assertEquals(CaptchaVerdict.Outcome.FAILED, recaptcha(answer("challenge_ts", NOW.plusSeconds(600).toString())));
        assertEquals(CaptchaVerdict.Outcome.FAILED, recaptcha(answer("challenge_ts", "yesterday")));
        assertEquals(CaptchaVerdict.Outcome.FAILED, recaptcha(answer("challenge_ts", null)));
    }

    @Test
    void rejectsScoreBelowThreshold_E3() {
        CaptchaVerdict verdict = policy(CaptchaProvider.RECAPTCHA).judge(answer("score", 0.2), NOW);
        assertEquals(CaptchaVerdict.Outcome.LOW_SCORE, verdict.outcome());
        assertEquals(Optional.of(0.2), verdict.score());
        assertEquals(CaptchaVerdict.Outcome.LOW_SCORE, recaptcha(answer("score", 0.49)));
        assertEquals(CaptchaVerdict.Outcome.PASSED, recaptcha(answer("score", 0.5)), "the threshold passes");
    }

    @Test
    void refusesAScoringProvidersAnswerWithoutAScore_E3() {
        assertEquals(CaptchaVerdict.Outcome.FAILED, recaptcha(answer("score", null)));
        assertEquals(CaptchaVerdict.Outcome.FAILED, recaptcha(answer("score", "0.9")));
    }

    @Test
    void providersWithoutScoresPassWithoutOne() {
        for (CaptchaProvider provider : List.of(CaptchaProvider.HCAPTCHA, CaptchaProvider.TURNSTILE)) {
            assertEquals(CaptchaVerdict.passed(Optional.empty()), policy(provider).judge(answer("score", 0.1), NOW), provider.name());
        }
    }
}
