package dev.newsroom.comments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Keyed hashes. Stored client and email hashes must stay what they were for erasure (H7) and rate
 * limits to find them, so the algorithm is pinned to known values.
 */
class SignerTest {

    private final Signer signer = new Signer("test-secret");

    @Test
    void hashIsTheFirstHalfOfAnHmacSha256OfPurposeAndValue_H7() {
        // HMAC-SHA256, key "test-secret", over "client\0198.51.100.7": its first 16 bytes in hex.
        assertEquals("59f784953f17f9c7dc7e9059d49eb403", signer.hash("client", "198.51.100.7"));
        assertEquals(signer.hash("email", "rosa@example.org"), new Signer("test-secret").hash("email", "rosa@example.org"));
    }

    @Test
    void thePurposeSeparatesHashesOfOneValue() {
        assertNotEquals(signer.hash("client", "198.51.100.7"), signer.hash("email", "198.51.100.7"));
        assertNotEquals(signer.hash("ab", "c"), signer.hash("a", "bc"), "purpose and value cannot run into each other");
    }

    @Test
    void anotherSecretGivesAnotherHash() {
        assertNotEquals(signer.hash("client", "198.51.100.7"), new Signer("other-secret").hash("client", "198.51.100.7"));
    }

    @Test
    void verifiesOnlyTheExactSignature_D5() {
        String signature = signer.hash("cursor approved a", "payload");
        assertTrue(signer.verify("cursor approved a", "payload", signature));
        assertFalse(signer.verify("cursor approved a", "payloae", signature));
        assertFalse(signer.verify("cursor approved b", "payload", signature));
        assertFalse(signer.verify("cursor approved a", "payload", signature.substring(1)));
        assertFalse(signer.verify("cursor approved a", "payload", signature.toUpperCase()));
        assertFalse(signer.verify("cursor approved a", "payload", ""));
    }

    @Test
    void sha256IsPlainHexSha256() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Signer.sha256("abc"));
    }
}
