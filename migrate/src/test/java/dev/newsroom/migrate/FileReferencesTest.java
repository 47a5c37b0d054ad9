package dev.newsroom.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** References to a bundle's files, pointed at where the import puts them. */
class FileReferencesTest {

    private static final Map<String, String> FILES = Map.of(
            "blog/2024/arrow/logo.png", "/assets/blog/2024/arrow/logo.png",
            "blog/2024/arrow/img/chart one.png", "/assets/blog/2024/arrow/img/chart%20one.png",
            "blog/2024/arrow/report.pdf", "/assets/blog/2024/arrow/report.pdf");

    private static final Map<String, String> STATIC = Map.of("img/static.png", "/assets/img/static.png");

    private static FileReferences.Rewritten rewrite(String body) {
        return FileReferences.rewrite(body, "blog/2024/arrow", path -> Optional.ofNullable(FILES.get(path)),
                path -> Optional.ofNullable(STATIC.get(path)));
    }

    @Test
    void pointsImagesLinksAndShortcodesAtTheAssets() {
        var rewritten = rewrite("""
                ![Logo](./logo.png "The logo,
                over two lines")

                ![Chart](<img/chart%20one.png>) and [the report](report.pdf#page=2).

                {{< figure src="logo.png" caption="Logo" >}}

                <img src='img/chart one.png' alt="Chart">
                """);
        assertEquals("""
                ![Logo](/assets/blog/2024/arrow/logo.png "The logo,
                over two lines")

                ![Chart](/assets/blog/2024/arrow/img/chart%20one.png) and [the report](/assets/blog/2024/arrow/report.pdf#page=2).

                {{< figure src="/assets/blog/2024/arrow/logo.png" caption="Logo" >}}

                <img src='/assets/blog/2024/arrow/img/chart%20one.png' alt="Chart">
                """, rewritten.body());
        assertEquals(List.of(), rewritten.warnings());
    }

    @Test
    void leavesOutMissingImagesAndReportsThem() {
        var rewritten = rewrite("""
                Before ![Schema](schema.gif) after.

                {{% figure
                  src="schema.gif"
                  caption="Screen capture"
                %}}

                <img src="gone.png"> and [notes](notes.pdf).
                """);
        assertEquals("""
                Before  after.



                 and [notes](notes.pdf).
                """, rewritten.body());
        assertEquals(List.of("the image schema.gif is not in the site: it is left out",
                "the link to notes.pdf names a file that is not in the site",
                "the image schema.gif is not in the site: it is left out",
                "the image gone.png is not in the site: it is left out"), rewritten.warnings());
    }

    @Test
    void leavesWhatIsNotABundleFileAsWritten() {
        String body = "[Site](https://example.org/x.png) [page](../other/) [top](#top) [mail](mailto:a@b.c)"
                + " {{< ref \"other.md\" >}}";
        assertEquals(body, rewrite(body).body());
        assertEquals(List.of(), rewrite(body).warnings());
    }

    @Test
    void findsFilesFromTheSitesRootAmongItsStaticFiles() {
        var rewritten = rewrite("![Logo](/img/static.png) ![Gone](/img/gone.png)");
        assertEquals("![Logo](/assets/img/static.png) ", rewritten.body());
        assertEquals(List.of("the image /img/gone.png is not in the site: it is left out"), rewritten.warnings());
    }

    @Test
    void neverResolvesOutsideTheContent_C13() {
        var rewritten = rewrite("![x](../../../../../etc/secret.png)");
        assertEquals("", rewritten.body());
        assertEquals(Optional.empty(), FileReferences.normalise("blog", "../../secret.png"));
    }
}
