package dev.newsroom.comments;

import dev.newsroom.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque, tamper-proof pagination cursors: the position after the last item of a page, signed
 * together with what was listed (an article's comments, a moderation queue), so a client can only
 * hand back a cursor the API gave it, for the same listing (D5).
 */
final class Cursors {

    private final Signer signer;

    Cursors(Signer signer) {
        this.signer = signer;
    }

    String encode(String listing, Map<String, AttributeValue> position) {
        Map<String, Object> json = new LinkedHashMap<>();
        position.forEach((name, value) -> json.put(name, value.s()));
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
        return payload + "." + signer.hash("cursor " + listing, payload);
    }

    Map<String, AttributeValue> decode(String listing, String cursor) {
        int dot = cursor.indexOf('.');
        if (dot <= 0 || cursor.length() > 1024 || !signer.verify("cursor " + listing, cursor.substring(0, dot), cursor.substring(dot + 1))) {
            throw ApiError.of(ErrorKind.INVALID_CURSOR);
        }
        try {
            Map<String, Object> json = Json.object(Json.read(Base64.getUrlDecoder().decode(cursor.substring(0, dot))));
            Map<String, AttributeValue> position = new HashMap<>();
            json.forEach((name, value) -> position.put(name, AttributeValue.fromS(Json.text(value, ""))));
            return position;
        } catch (IOException | IllegalArgumentException e) {
            throw ApiError.of(ErrorKind.INVALID_CURSOR);
        }
    }
}
