package dev.newsroom.comments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Pagination cursors: opaque, and good only as given out, for the listing they came from (D5). */
class CursorsTest {

    private static final String LISTING = "approved bridge";
    private static final Map<String, AttributeValue> POSITION = Map.of("slug", AttributeValue.fromS("bridge"),
            "commentId", AttributeValue.fromS("1795498037575-aeb548bb"), "approvedSlug", AttributeValue.fromS("bridge"));

    private final Signer signer = new Signer("test-secret");
    private final Cursors cursors = new Cursors(signer);

    @Test
    void givesBackThePositionItEncoded() {
        assertEquals(POSITION, cursors.decode(LISTING, cursors.encode(LISTING, POSITION)));
    }

    @Test
    void isUrlSafeText() {
        assertTrue(cursors.encode(LISTING, POSITION).matches("[A-Za-z0-9_-]+\\.[0-9a-f]{32}"));
    }

    @Test
    void rejectsTamperedCursor_D5() {
        String cursor = cursors.encode(LISTING, POSITION);
        int dot = cursor.indexOf('.');
        String otherPayload = (cursor.charAt(0) == 'A' ? "B" : "A") + cursor.substring(1);
        String otherSignature = cursor.substring(0, cursor.length() - 1) + (cursor.endsWith("0") ? "1" : "0");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"slug\":\"bridge\",\"commentId\":\"0\"}".getBytes(StandardCharsets.UTF_8)) + cursor.substring(dot);
        for (String tampered : new String[] {otherPayload, otherSignature, forged}) {
            assertInvalid(LISTING, tampered);
        }
    }

    @Test
    void rejectsACursorOfAnotherListing_D5() {
        String cursor = cursors.encode(LISTING, POSITION);
        assertInvalid("approved other-article", cursor);
        assertInvalid("moderation pending", cursor);
    }

    @Test
    void rejectsACursorSignedWithAnotherSecret_D5() {
        assertInvalid(LISTING, new Cursors(new Signer("other-secret")).encode(LISTING, POSITION));
    }

    @Test
    void rejectsMalformedCursors_D5() {
        for (String cursor : new String[] {"", "nodot", ".abc", "bm9wZQ.abc", "bm9wZQ."}) {
            assertInvalid(LISTING, cursor);
        }
    }

    @Test
    void rejectsOverlongCursorsEvenWhenSigned_D5() {
        String cursor = cursors.encode(LISTING, Map.of("commentId", AttributeValue.fromS("x".repeat(1000))));
        assertTrue(cursor.length() > 1024);
        assertInvalid(LISTING, cursor);
    }

    @Test
    void rejectsASignedPayloadThatIsNotAPosition_D5() {
        String notBase64 = "!!!";
        String notJson = Base64.getUrlEncoder().withoutPadding().encodeToString("not json".getBytes(StandardCharsets.UTF_8));
        for (String payload : new String[] {notBase64, notJson}) {
            assertInvalid(LISTING, payload + "." + signer.hash("cursor " + LISTING, payload));
        }
    }

    private void assertInvalid(String listing, String cursor) {
        ApiError error = assertThrows(ApiError.class, () -> cursors.decode(listing, cursor), cursor);
        assertEquals(ErrorKind.INVALID_CURSOR, error.kind());
    }
}
