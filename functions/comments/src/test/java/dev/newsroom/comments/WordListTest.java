package dev.newsroom.comments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An editor's word list against what readers write, look-alikes and hidden characters included. */
class WordListTest {

    private final WordList list = new WordList(List.of("spam", "Cheap Pills", "ass"));

    @Test
    void findsAWordInAnyCaseAccentOrScriptItCanBeMistakenFor() {
        assertEquals(Optional.of("spam"), list.firstIn("This is SPAM."));
        assertEquals(Optional.of("spam"), list.firstIn("This is \u0455pam"), "Cyrillic dze for s");
        assertEquals(Optional.of("spam"), list.firstIn("s\u200Bpam in disguise"), "a zero-width space inside");
        assertEquals(Optional.of("spam"), list.firstIn("spàm"), "an accent");
        assertEquals(Optional.of("тварь"), new WordList(List.of("тварь")).firstIn("ТВАРЬ! Тварь."), "a Cyrillic word in capitals");
    }

    @Test
    void matchesWholeWordsAndPhrasesNeverPartsOfWords() {
        assertEquals(Optional.empty(), list.firstIn("A classic, classy passage."), "the Scunthorpe problem");
        assertEquals(Optional.of("Cheap Pills"), list.firstIn("Buy cheap   pills today"), "a phrase, however spaced");
        assertEquals(Optional.empty(), list.firstIn("cheap, and pills"), "not the same words in a row");
        assertEquals(Optional.empty(), new WordList(List.of()).firstIn("spam"));
    }
}
