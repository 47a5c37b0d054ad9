package dev.newsroom.comments;

import java.util.Optional;

/**
 * What the captcha check concluded. Anything but {@link Outcome#PASSED} refuses the comment.
 *
 * @param score the reCAPTCHA score, kept with the comment for moderators
 */
record CaptchaVerdict(Outcome outcome, Optional<Double> score, String reason) {

    enum Outcome { PASSED, FAILED, LOW_SCORE, UNAVAILABLE }

    static CaptchaVerdict passed(Optional<Double> score) {
        return new CaptchaVerdict(Outcome.PASSED, score, "");
    }

    static CaptchaVerdict failed(String reason) {
        return new CaptchaVerdict(Outcome.FAILED, Optional.empty(), reason);
    }
}
