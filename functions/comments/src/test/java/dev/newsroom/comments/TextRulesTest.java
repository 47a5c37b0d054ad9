package dev.newsroom.comments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** How reader text is kept, and how it is compared (D3). */
class TextRulesTest {

    @Test
    void stripsBidiControls_D3() {
        assertEquals("Editor", TextRules.line("E\u202Edi\u202Ctor"));
        assertEquals("Editor", TextRules.line("\u2066Edi\u2069tor\u061C"));
        assertEquals("abc", TextRules.paragraphs("a\u200Eb\u200Fc"));
    }

    @Test
    void stripsZeroWidthCharactersThatJoinNothing_D3() {
        assertEquals("Editor", TextRules.line("\uFEFFE\u200Bdi\u200Ctor\u200D\u2060"));
        assertEquals("Body", TextRules.paragraphs("B\u200Bo\u2060dy\uFEFF"));
        assertEquals("ab", TextRules.line("a\u200Db"), "a joiner between letters joins nothing");
    }

    @Test
    void keepsTheJoinersOfEmojiSequencesAndOfScriptsThatNeedThem() {
        String technologist = "\uD83D\uDC69\u200D\uD83D\uDCBB";          // 👩‍💻
        String rainbowFlag = "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08";     // 🏳️‍🌈
        String family = "\uD83D\uDC68\uD83C\uDFFD\u200D\uD83D\uDC67";   // 👨🏽‍👧, a skin tone before the joiner
        for (String emoji : new String[] {technologist, rainbowFlag, family}) {
            assertEquals("I am " + emoji + "!", TextRules.line("I am " + emoji + "!"));
        }
        assertEquals("می\u200Cخواهم", TextRules.paragraphs("می\u200Cخواهم"), "Persian's non-joiner between letters");
    }

    @Test
    void keepsWhatWasTypedInNfcAndComparesCompatibilityForms_D3() {
        assertEquals("mc² is ½", TextRules.paragraphs("mc² is ½"), "superscripts and fractions stay");
        assertEquals("Ｅｄｉｔｏｒ", TextRules.line("Ｅｄｉｔｏｒ"), "fullwidth letters stay as typed");
        assertEquals("é", TextRules.line("e\u0301"), "composed (NFC)");
        assertEquals(TextRules.comparable("Editor"), TextRules.comparable("Ｅｄｉｔｏｒ"));
        assertEquals(TextRules.comparable("file"), TextRules.comparable("\uFB01le"), "the fi ligature");
    }

    @Test
    void lookAlikesOfOtherScriptsCompareAsWhatTheyImitate_D3() {
        String admin = TextRules.comparable("Admin");
        assertEquals(admin, TextRules.comparable("\u0410dmin"), "Cyrillic А");
        assertEquals(admin, TextRules.comparable("\u0391dmin"), "Greek Α");
        assertEquals(admin, TextRules.comparable("Adm\u0131n"), "dotless ı");
        assertEquals(admin, TextRules.comparable("A\u200Bd\u200Dm\u2060in"), "with invisible characters");
        assertNotEquals(admin, TextRules.comparable("Admiral"));
        assertEquals(TextRules.comparable("moderator"), TextRules.comparable(TextRules.latinCapitals("\u039Coderator")),
                "Greek capital Μ, which imitates M only as a capital (J13)");
        assertEquals(TextRules.comparable("moderator"), TextRules.comparable("MODERATOR"));
    }

    /** Word lists of other scripts: a word matches in capitals as in small letters, and so does a sentence's first word. */
    @Test
    void wordsOfOtherScriptsCompareTheSameInEitherCase_D3() {
        assertEquals(TextRules.comparable("тварь"), TextRules.comparable("ТВАРЬ"));
        assertEquals(TextRules.comparable("тварь"), TextRules.comparable("Тварь"));
        assertEquals(TextRules.comparable("μαλάκα"), TextRules.comparable("ΜΑΛΑΚΑ"));
    }

    @Test
    void searchesInWordsWithCaseAndAccentsFolded() {
        assertEquals("zoe says creme brulee", TextRules.searchable("Zoë says: «Crème brûlée»!"));
        assertEquals("strasse", TextRules.searchable("STRAßE"));
    }

    @Test
    void controlCharactersInALineBecomeSpacesFoldedToOne_D3() {
        assertEquals("Zoë Smith", TextRules.line("Zoë\u0007\u0000Smith\u0001"));
        assertEquals("Rosa Lee", TextRules.line(" Rosa\n\tLee\r"));
        assertEquals("Rosa Lee", TextRules.line("\u00A0Rosa\u00A0 \u00A0Lee "));
    }

    @Test
    void aBodyKeepsItsLineBreaksAndTabsButNoOtherControls_D3() {
        assertEquals("Line one\nline\ttwo\nthree", TextRules.paragraphs("Line one\u202E\r\nline\ttwo\u0000\rthree"));
        assertEquals("a\n\nb", TextRules.paragraphs("a\n\n\n\n\nb"), "at most one blank line in a row");
        assertEquals("a", TextRules.paragraphs("\n\n a \n\n"));
    }

    @Test
    void comparesNamesWithCaseSpacingAccentsAndHiddenCharactersFolded_D3() {
        assertEquals(TextRules.comparable("thedailyexample"), TextRules.comparable("  The   Daily\u200B Éxample! "));
        assertEquals(TextRules.comparable("Editor"), TextRules.comparable("É-d\u202Eitor"));
        assertNotEquals(TextRules.comparable("Editor"), TextRules.comparable("Editors"));
    }

    @Test
    void lengthCountsCharactersNotUtf16Units_D2() {
        assertEquals(1, TextRules.length("😀"));
        assertEquals(3, TextRules.length("a😀b"));
    }
}
