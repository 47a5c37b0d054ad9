package dev.newsroom.comments;

import java.util.Optional;

/** A submission that passed every field rule: cleaned, bounded text, ready for the anti-spam checks. */
record ValidComment(String name, Optional<String> email, Optional<String> website, String body,
                    Optional<String> parentId, String captchaToken, boolean honeypotFilled) {
}
