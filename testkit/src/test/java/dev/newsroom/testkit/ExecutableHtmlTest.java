package dev.newsroom.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fuzz targets' check: what a browser would run, and nothing that only reads like it. */
class ExecutableHtmlTest {

    @Test
    void findsScriptsHandlersAndScriptAddressesABrowserWouldFollow() {
        assertTrue(ExecutableHtml.in("<p>x<script>alert(1)</script></p>").isPresent());
        assertTrue(ExecutableHtml.in("<img src=x OnError=alert(1)>").isPresent());
        assertTrue(ExecutableHtml.in("<a href=\" java\tscript:alert(1)\">x</a>").isPresent());
        assertTrue(ExecutableHtml.in("<iframe src=\"VBScript:msgbox\"></iframe>").isPresent());
    }

    /** Found by ArticleParserFuzzTest's first standard run: alt text reading "vbscript:" is text, which no browser runs. */
    @Test
    void aScriptAddressInTextOrAnAttributeNoBrowserFollowsIsNotExecutable() {
        assertEquals(Optional.empty(), ExecutableHtml.in("<img src=\"/assets/a.png\" alt=\"vbscript:\">"));
        assertEquals(Optional.empty(), ExecutableHtml.in("<p title=\"javascript:alert(1)\">javascript:alert(1)</p>"));
    }
}
