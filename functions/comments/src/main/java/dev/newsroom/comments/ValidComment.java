package dev.newsroom.comments;

import java.util.Optional;

/** A submission that passed every field rule: cleaned, bounded text, ready for the anti-spam checks. */
record ValidComment(String name, Optional<String> email, Optional<String> website, String body,
                    Optional<String> parentId, String captchaToken, boolean honeypotFilled) {

    /** What the comment says, as a hash: two posts under one idempotency key are one only if it is the same. */
    String fingerprint() {
        return Signer.sha256(String.join("\u0000", name, email.orElse(""), website.orElse(""), body, parentId.orElse("")));
    }
}
