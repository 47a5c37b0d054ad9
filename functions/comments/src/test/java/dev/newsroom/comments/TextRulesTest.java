package dev.newsroom.comments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** How reader text is cleaned before any rule looks at it (D3). */
class TextRulesTest {

    @Test
    void stripsBidiControls_D3() {
        assertEquals("Editor", TextRules.line("E\u202Edi\u202Ctor"));
        assertEquals("Editor", TextRules.line("\u2066Edi\u2069tor\u061C"));
        assertEquals("abc", TextRules.paragraphs("a\u200Eb\u200Fc"));
    }

    @Test
    void stripsZeroWidthCharactersAndByteOrderMarks_D3() {
        assertEquals("Editor", TextRules.line("\uFEFFE\u200Bdi\u200Ctor\u200D\u2060"));
        assertEquals("Body", TextRules.paragraphs("B\u200Bo\u2060dy\uFEFF"));
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
    void normalisesCompatibilityForms_D3() {
        assertEquals("Editor", TextRules.line("Ｅｄｉｔｏｒ"), "fullwidth letters");
        assertEquals("file", TextRules.paragraphs("\uFB01le"), "the fi ligature");
    }

    @Test
    void comparesNamesWithCaseSpacingAccentsAndHiddenCharactersFolded_D3() {
        assertEquals("thedailyexample", TextRules.comparable("  The   Daily\u200B Éxample! "));
        assertEquals(TextRules.comparable("Editor"), TextRules.comparable("É-d\u202Eitor"));
        assertNotEquals(TextRules.comparable("Editor"), TextRules.comparable("Editors"));
    }

    @Test
    void lengthCountsCharactersNotUtf16Units_D2() {
        assertEquals(1, TextRules.length("😀"));
        assertEquals(3, TextRules.length("a😀b"));
    }
}
