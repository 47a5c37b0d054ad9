package dev.newsroom.core.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlugsTest {

    @ParameterizedTest
    @ValueSource(strings = {"../../index", "..%2F..%2Fetc", "%2e%2e/%2e%2e", "a/b", "a\u0000b", "a\\..\\b",
            "\uFF0E\uFF0E\uFF0F\uFF0E\uFF0E\uFF0Fsecret", "/etc/passwd", "..", "CON", "x/../../y"})
    void foldsTraversalAttemptsIntoTheSafeAlphabet_C4(String hostile) {
        String slug = Slugs.normalise(hostile);
        assertTrue(slug.isEmpty() || Slugs.isSafe(slug), () -> hostile + " gave " + slug);
        assertFalse(slug.contains(".") || slug.contains("/") || slug.contains("\\") || slug.contains("\u0000"));
    }

    @Test
    void fullwidthDotsAndSlashesVanish_C4() {
        assertEquals("", Slugs.normalise("\uFF0E\uFF0E\uFF0F"));
        assertEquals("index", Slugs.normalise("../../index"));
    }

    @Test
    void keepsWordsDropsAccentsAndPunctuation() {
        assertEquals("cafe-owners-win-appeal-reopen", Slugs.normalise("Café owners win appeal & reopen!"));
        assertEquals("zurich-s-new-tram", Slugs.normalise("  Zürich's   new tram  "));
    }

    @Test
    void namesWithoutLatinLettersStillGetAStableAddress() {
        String politics = Slugs.forName("Политика");
        assertEquals("n-934921933d1f", politics, "the first twelve hex digits of the name's SHA-256: addresses already published");
        assertTrue(Slugs.isSafe(politics), politics);
        assertEquals(politics, Slugs.forName(" Политика "));
        assertFalse(politics.equals(Slugs.forName("新闻")));
        assertEquals("city", Slugs.forName("City"));
    }

    @Test
    void capsLength() {
        String slug = Slugs.normalise("word ".repeat(60));
        assertTrue(slug.length() <= Slugs.MAX_LENGTH);
        assertTrue(Slugs.isSafe(slug));
    }

    @Test
    void namesFromSourceKeysFollowHugoAndJekyll() {
        assertEquals("harbour-bridge", Slugs.fromSourceKey("articles/2026/harbour-bridge.md"));
        assertEquals("my-post", Slugs.fromSourceKey("articles/2024-05-01-my-post.md"));
        assertEquals("bundle-story", Slugs.fromSourceKey("articles/bundle-story/index.md"));
        assertEquals("cafe-owners", Slugs.fromSourceKey("articles/Café owners.json"));
    }

    @Test
    void storedSlugsAreCheckedStrictly_C4() {
        assertTrue(Slugs.isSafe("a-b-1"));
        assertFalse(Slugs.isSafe("a--b"));
        assertFalse(Slugs.isSafe("-a"));
        assertFalse(Slugs.isSafe("A"));
        assertFalse(Slugs.isSafe(""));
    }
}
