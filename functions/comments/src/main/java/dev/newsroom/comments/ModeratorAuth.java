package dev.newsroom.comments;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may use the moderation routes: on AWS, callers API Gateway authorised with IAM; locally,
 * whoever presents the stack's moderator token as a bearer token (compared in constant time).
 * Nobody else.
 */
final class ModeratorAuth {

    private final Optional<byte[]> expectedAuthorization;

    /** @param token the local moderator token; none on AWS, where only IAM lets a moderator in */
    ModeratorAuth(Optional<String> token) {
        this.expectedAuthorization = token.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
    }

    /** Refuses (403) a request that is not a moderator's. */
    void require(ApiRequest event) {
        String presented = Optional.ofNullable(event.header("authorization")).orElse("");
        boolean token = expectedAuthorization.isPresent()
                && MessageDigest.isEqual(expectedAuthorization.get(), presented.getBytes(StandardCharsets.UTF_8));
        if (!event.iamAuthorised() && !token) {
            throw ApiError.of(ErrorKind.FORBIDDEN);
        }
    }
}
