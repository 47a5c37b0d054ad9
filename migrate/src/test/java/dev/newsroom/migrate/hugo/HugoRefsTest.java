package dev.newsroom.migrate.hugo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HugoRefsTest {

    private static final HugoContent.Page HELLO = page("en", "blog/2024/hello.md", HugoContent.Kind.PAGE, "hello");
    private static final HugoContent.Page HELLO_AGAIN = page("en", "blog/2025/hello.md", HugoContent.Kind.PAGE, "hello");
    private static final HugoContent.Page ARROW = page("en", "blog/2024/arrow/index.md", HugoContent.Kind.BUNDLE, "arrow");
    private static final HugoContent.Page FLECHA = page("es", "blog/2024/arrow/index.es.md", HugoContent.Kind.BUNDLE, "arrow");
    private static final HugoContent.Page ABOUT = page("en", "about.md", HugoContent.Kind.PAGE, "about");
    private static final HugoContent.Page SECTION = page("en", "blog/_index.md", HugoContent.Kind.SECTION, "blog");

    private final HugoRefs refs = new HugoRefs(urls());

    private static Map<HugoContent.Page, String> urls() {
        Map<HugoContent.Page, String> urls = new LinkedHashMap<>();
        urls.put(HELLO, "/blog/2024/05/01/hello/");
        urls.put(HELLO_AGAIN, "/blog/2025/05/01/hello/");
        urls.put(ARROW, "/blog/2024/03/01/arrow/");
        urls.put(FLECHA, "/es/blog/2024/03/01/arrow/");
        urls.put(ABOUT, "/about/");
        urls.put(SECTION, "/blog/");
        return urls;
    }

    private static HugoContent.Page page(String lang, String contentPath, HugoContent.Kind kind, String baseName) {
        return new HugoContent.Page(Path.of("content", contentPath), lang, contentPath, kind, baseName, List.of());
    }

    private String resolve(String body, HugoContent.Page page) {
        return refs.resolve(body, page).body();
    }

    @Test
    void aPathFromTheRootFindsThePageWithOrWithoutItsExtension() {
        assertEquals("[a](/blog/2024/05/01/hello/) [b](/blog/2024/05/01/hello/#usage) /about/",
                resolve("[a]({{< ref \"/blog/2024/hello.md\" >}}) [b]({{< relref \"/blog/2024/hello#usage\" >}}) {{% ref /about %}}", ABOUT));
    }

    @Test
    void aRelativePathIsFoundBesideThePageThenFromTheRoot() {
        assertEquals("/blog/2024/03/01/arrow/", resolve("{{< ref \"arrow\" >}}", HELLO), "beside it: a bundle by its folder");
        assertEquals("/blog/2024/05/01/hello/", resolve("{{< ref \"hello.md\" >}}", ARROW), "beside the bundle's folder");
        assertEquals("/blog/2025/05/01/hello/", resolve("{{< ref \"blog/2025/hello\" >}}", ABOUT), "from the root");
        assertEquals("/blog/2025/05/01/hello/", resolve("{{< ref \"../2025/hello\" >}}", HELLO));
        assertEquals("/about/", resolve("{{< ref path=\"about\" >}}", ARROW), "a name alone finds the one page of that name");
    }

    @Test
    void aReferenceStaysInItsLanguageUnlessItNamesAnother() {
        assertEquals("/es/blog/2024/03/01/arrow/", resolve("{{< relref \"/blog/2024/arrow\" >}}", FLECHA));
        assertEquals("/es/blog/2024/03/01/arrow/", resolve("{{< relref path=\"/blog/2024/arrow/index.md\" lang=\"es\" >}}", ABOUT));
    }

    @Test
    void whatNamesNoSinglePageHereStaysForThePublishFunctionToReport() {
        for (String call : List.of("{{< ref \"hello\" >}}", "{{< ref \"missing\" >}}", "{{< ref \"#top\" >}}", "{{< ref \"/blog\" >}}",
                "{{< ref \"/../../etc/passwd\" >}}", "{{< ref \"\\\" onmouseover=\\\"alert(1)\" >}}", "{{< ref >}}")) {
            assertEquals(call, resolve(call, ABOUT), "two pages are named hello; a section list is no page here");
        }
        assertEquals(1, refs.resolve("{{< ref \"missing\" >}} {{< ref \"#top\" >}}", ABOUT).warnings().size(),
                "each call that names nothing is reported; an anchor of the page itself is not");
    }
}
