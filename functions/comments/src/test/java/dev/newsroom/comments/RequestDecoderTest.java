package dev.newsroom.comments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading a posted comment's body: size, then type, then content (D1, G1, G2). */
class RequestDecoderTest {

    private static ApiRequest post(String contentType, String body, boolean base64) {
        return new ApiRequest("POST /api/articles/{article}/comments", Optional.of("POST"), Map.of("content-type", contentType),
                Map.of("article", "articles~bridge"), Map.of(), body, base64, "198.51.100.7", Map.of());
    }

    private static ErrorKind refused(ApiRequest event) {
        return assertThrows(ApiError.class, () -> RequestDecoder.comment(event)).kind();
    }

    @Test
    void readsJsonAndFormsAlike() {
        Map<String, String> fields = Map.of("name", "Rosa Lee", "body", "Hello & welcome");
        assertEquals(fields, RequestDecoder.comment(post("application/json; charset=utf-8",
                "{\"name\":\"Rosa Lee\",\"body\":\"Hello & welcome\",\"website\":null}", false)).fields());
        assertEquals(fields, RequestDecoder.comment(post("application/x-www-form-urlencoded",
                "name=Rosa+Lee&body=Hello+%26+welcome&", false)).fields());
        String encoded = Base64.getEncoder().encodeToString("name=Rosa+Lee&body=Hello+%26+welcome".getBytes(StandardCharsets.UTF_8));
        assertEquals(fields, RequestDecoder.comment(post("application/x-www-form-urlencoded", encoded, true)).fields());
    }

    @Test
    void refusesALargeBodyBeforeLookingAtIt_G1() {
        String large = "{\"body\":\"" + "x".repeat(RequestDecoder.MAX_BODY_BYTES) + "\"}";
        assertEquals(ErrorKind.PAYLOAD_TOO_LARGE, refused(post("application/json", large, false)));
        assertEquals(ErrorKind.PAYLOAD_TOO_LARGE, refused(post("text/plain", large, false)), "size first, then type");
        assertEquals(ErrorKind.PAYLOAD_TOO_LARGE, refused(post("application/json", "é".repeat(RequestDecoder.MAX_BODY_BYTES / 2 + 1), false)),
                "the limit is in bytes");
    }

    @Test
    void refusesWhatIsNotACommentBody_D1_G2() {
        assertEquals(ErrorKind.UNSUPPORTED_MEDIA_TYPE, refused(post("text/plain", "name=a", false)));
        assertEquals(ErrorKind.INVALID_JSON, refused(post("application/json", "[1,2]", false)));
        assertEquals(ErrorKind.INVALID_JSON, refused(post("application/json", "[".repeat(10_000), false)));
        assertEquals(ErrorKind.INVALID_FIELD, refused(post("application/json", "{\"name\":9}", false)));
        assertEquals(ErrorKind.INVALID_FORM, refused(post("application/x-www-form-urlencoded", "name=a&name=b", false)));
        assertEquals(ErrorKind.INVALID_FORM, refused(post("application/x-www-form-urlencoded", "name=%zz", false)));
        assertEquals(ErrorKind.INVALID_BODY, refused(post("application/json", "not base64!", true)));
    }

    @Test
    void refusesTextThatIsNotWellFormedRatherThanReplacingIt_D10() {
        assertEquals(ErrorKind.INVALID_JSON, refused(post("application/json", "{\"name\":\"x\\ud800y\",\"body\":\"b\"}", false)),
                "a lone high surrogate");
        assertEquals(ErrorKind.INVALID_JSON, refused(post("application/json", "{\"name\":\"n\",\"body\":\"\\udc00\"}", false)),
                "a lone low surrogate");
        byte[] latin1 = "{\"name\":\"Zo\u00eb\",\"body\":\"b\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(ErrorKind.INVALID_JSON, refused(post("application/json", Base64.getEncoder().encodeToString(latin1), true)),
                "Latin-1 bytes are not UTF-8");
        assertEquals(ErrorKind.INVALID_FORM, refused(post("application/x-www-form-urlencoded", "name=Zo%EB&body=b", false)));
        assertEquals(ErrorKind.INVALID_FORM, refused(post("application/x-www-form-urlencoded", "name=%ED%A0%80&body=b", false)),
                "a surrogate spelt in UTF-8");
        assertEquals("😀 Zoë", RequestDecoder.comment(post("application/json", "{\"name\":\"\\ud83d\\ude00 Zo\\u00eb\"}", false))
                .get("name").orElseThrow(), "a pair, escaped, is one character");
        assertEquals("Zoë", RequestDecoder.comment(post("application/x-www-form-urlencoded", "name=Zo%C3%AB", false)).get("name").orElseThrow());
    }
}
