package dev.newsroom.comments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The field rules for a comment (D1–D4): every bad field named, limits that reject and never truncate. */
class CommentRulesTest {

    private final CommentRules rules = new CommentRules(Set.of("Editor", "The Daily Example"));

    /** A comment that passes, with these fields changed. */
    private static CommentInput comment(String... fields) {
        Map<String, String> all = new HashMap<>(Map.of("name", "Rosa", "body", "Finally a safe way to cycle across.",
                "captchaToken", "token"));
        for (int i = 0; i < fields.length; i += 2) {
            all.put(fields[i], fields[i + 1]);
        }
        return new CommentInput(all);
    }

    private ApiError refusal(CommentInput input) {
        return assertThrows(ApiError.class, () -> rules.validate(input));
    }

    @Test
    void acceptsAPlainComment() {
        ValidComment valid = rules.validate(comment("email", " Rosa@Example.ORG ", "website", "https://rosa.example.org",
                "parentId", "1795498037575-aeb548bb"));
        assertEquals("Rosa", valid.name());
        assertEquals("Finally a safe way to cycle across.", valid.body());
        assertEquals(Optional.of("rosa@example.org"), valid.email());
        assertEquals(Optional.of("https://rosa.example.org"), valid.website());
        assertEquals(Optional.of("1795498037575-aeb548bb"), valid.parentId());
        assertEquals("token", valid.captchaToken());
        assertFalse(valid.honeypotFilled());
    }

    @Test
    void namesEveryMissingFieldWithTheOriginalMessages_D1() {
        ApiError error = refusal(comment("name", "", "body", " \n\u200B "));
        assertEquals(ErrorKind.VALIDATION_FAILED, error.kind());
        assertEquals(Map.of("name", "Please enter your name here", "body", "Please enter your comment!"), error.fields());
    }

    @Test
    void refusesUnknownFields_D1() {
        ApiError error = refusal(comment("admin", "yes"));
        assertEquals(ErrorKind.UNKNOWN_FIELD, error.kind());
        assertEquals("Unknown field: admin", error.getMessage());
        assertTrue(error.fields().containsKey("admin"));
    }

    @Test
    void rejectsEachOverlongFieldWithoutTruncating_D2() {
        Map<String, String> overlong = Map.of("name", "n".repeat(81), "body", "b".repeat(5001), "email", "e".repeat(249) + "@x.com",
                "website", "https://x.example/" + "p".repeat(183), "captchaToken", "t".repeat(2049));
        overlong.forEach((field, value) -> {
            ApiError error = refusal(comment(field, value));
            assertEquals(ErrorKind.FIELD_TOO_LONG, error.kind(), field);
            assertEquals(Set.of(field), error.fields().keySet(), field);
        });
    }

    @Test
    void acceptsFieldsAtTheirLimits_D2() {
        ValidComment valid = rules.validate(comment("name", "n".repeat(80), "body", "b".repeat(5000)));
        assertEquals(80, valid.name().length(), "nothing truncated");
        assertEquals(5000, valid.body().length());
    }

    @Test
    void limitsCountCleanedCharactersNotHiddenOnesOrUtf16Units_D2_D3() {
        assertEquals("n".repeat(80), rules.validate(comment("name", "n".repeat(80) + "\u200B".repeat(20))).name());
        assertEquals(160, rules.validate(comment("name", "😀".repeat(80))).name().length(), "80 characters, 160 UTF-16 units");
    }

    @Test
    void anOverlongFieldMakesTheWholeRefusalTooLongAndStillNamesTheOthers_D2() {
        ApiError error = refusal(comment("name", "", "body", "b".repeat(5001)));
        assertEquals(ErrorKind.FIELD_TOO_LONG, error.kind());
        assertEquals(Set.of("name", "body"), error.fields().keySet());
    }

    @Test
    void invisibleCharactersCannotDodgeReservedNames_D3() {
        for (String name : List.of("E\u200Bdi\u202Etor", "  editor ", "Édítor", "the   DAILY example", "The-Daily-Example")) {
            ApiError error = refusal(comment("name", name));
            assertEquals(ErrorKind.VALIDATION_FAILED, error.kind(), name);
            assertTrue(error.fields().get("name").contains("reserved"), name);
        }
        assertEquals("Editorial Board", rules.validate(comment("name", "Editorial Board")).name());
    }

    @Test
    void cleansNameAndBody_D3() {
        ValidComment valid = rules.validate(comment("name", "Zoë\u200D\u0007", "body", "Line one\u202E\r\nline two\u0000"));
        assertEquals("Zoë", valid.name());
        assertEquals("Line one\nline two", valid.body());
    }

    @Test
    void refusesMalformedEmailsWithoutEchoingThem_D4() {
        List<String> malformed = List.of("a@b", "x@y.com\r\nBcc: victim@example.org", "<script>@x.com", "a b@x.com", "@x.com", "a@@x.com");
        for (String email : malformed) {
            ApiError error = refusal(comment("email", email));
            assertEquals(ErrorKind.VALIDATION_FAILED, error.kind(), email);
            assertEquals(Map.of("email", "Please enter a valid email address."), error.fields(), email);
            assertFalse(error.getMessage().contains("victim") || error.getMessage().contains("<script>"));
        }
    }

    @Test
    void acceptsOnlyWebAddressesAsWebsites_F3() {
        List<String> notWebAddresses = List.of("javascript:alert(1)", "data:text/html,x", "vbscript:x", "//evil.example", "http://", "ftp://x");
        for (String website : notWebAddresses) {
            assertEquals(Set.of("website"), refusal(comment("website", website)).fields().keySet(), website);
        }
        assertEquals(Optional.of("HTTP://Rosa.example.org"), rules.validate(comment("website", "HTTP://Rosa.example.org")).website());
    }

    @Test
    void refusesAParentThatIsNoCommentId() {
        for (String parent : List.of("../x", "A-UPPER", "x".repeat(65))) {
            assertEquals(Set.of("parentId"), refusal(comment("parentId", parent)).fields().keySet(), parent);
        }
    }

    @Test
    void readsTheWidgetsOwnTokenFields_E1() {
        Map<String, String> fields = new HashMap<>(Map.of("name", "Rosa", "body", "Hello"));
        assertEquals("", rules.validate(new CommentInput(fields)).captchaToken(), "no token: refused later, as a failed captcha");
        for (String widget : List.of("g-recaptcha-response", "h-captcha-response", "cf-turnstile-response")) {
            assertEquals("from-" + widget, rules.validate(new CommentInput(Map.of("name", "Rosa", "body", "Hello",
                    widget, "from-" + widget))).captchaToken(), widget);
        }
    }

    @Test
    void aFilledHoneypotPassesTheRulesMarked_D6() {
        assertTrue(rules.validate(comment("company", "ACME")).honeypotFilled());
        assertFalse(rules.validate(comment("company", "  ")).honeypotFilled());
    }
}
