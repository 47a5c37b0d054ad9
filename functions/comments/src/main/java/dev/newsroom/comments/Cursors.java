package dev.newsroom.comments;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque, tamper-proof pagination cursors: the position after the last comment of a page, signed,
 * so a client can only hand back a cursor the API gave it, for the same article (D5).
 */
final class Cursors {

    private static final Pattern ID = Pattern.compile("[0-9a-z-]{1,64}");
    private final Signer signer;

    Cursors(Signer signer) {
        this.signer = signer;
    }

    String encode(String slug, Map<String, AttributeValue> position) {
        String payload = slug + "/" + position.get("commentId").s();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + signer.hash("cursor", payload);
    }

    Map<String, AttributeValue> decode(String slug, String cursor) {
        int dot = cursor.indexOf('.');
        Optional<String> payload = Optional.empty();
        if (dot > 0 && cursor.length() < 512) {
            try {
                payload = Optional.of(new String(Base64.getUrlDecoder().decode(cursor.substring(0, dot)), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                payload = Optional.empty();
            }
        }
        if (payload.isEmpty() || !signer.verify("cursor", payload.get(), cursor.substring(dot + 1))
                || !payload.get().startsWith(slug + "/") || !ID.matcher(payload.get().substring(slug.length() + 1)).matches()) {
            throw ApiError.invalid("invalid_cursor", "The cursor is not one this API gave out for this article.", Map.of());
        }
        String id = payload.get().substring(slug.length() + 1);
        return Map.of("slug", AttributeValue.fromS(slug), "commentId", AttributeValue.fromS(id),
                "approvedSlug", AttributeValue.fromS(slug));
    }
}
