package dev.newsroom.core.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.newsroom.core.image.ImageVariants;
import dev.newsroom.core.image.StoredImage;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** What the site knows of an article's images, put into its lead image and its body's image tags. */
class ArticleImagesTest {

    private static final ArticleParser PARSER = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, "The Daily Example", ZoneOffset.UTC);
    private static final StoredImage QUAY = new StoredImage(new ImageVariants.Size(1800, 1200), List.of(480, 960, 1600));
    private static final StoredImage ICON = new StoredImage(new ImageVariants.Size(300, 300), List.of());

    private static Article parse(String frontMatter, String body) throws InvalidArticleException {
        return PARSER.parse("articles/images.md", ("---\ntitle: Images\ndate: 2026-11-20\n" + frontMatter + "\n---\n" + body)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void namesTheSitesOwnImagesItShowsOnceEach() throws InvalidArticleException {
        Article article = parse("image: {src: /assets/quay.jpg, alt: The quay}", "![Quay](/assets/quay.jpg)\n\n![Map](/assets/a&b/map.png)\n\n"
                + "<img src=\"https://elsewhere.example/x.jpg\" alt=\"x\"> <p><img alt=\"Icon\" src=\"/assets/icon.png\"></p>");

        assertEquals(Set.of("/assets/quay.jpg", "/assets/a&b/map.png", "/assets/icon.png"), article.siteImages());
    }

    @Test
    void givesEachKnownImageItsSizeAndItsVariantsAndLeavesTheRestAsWritten() throws InvalidArticleException {
        Article article = parse("image: {src: /assets/quay.jpg, alt: The quay}", "![Quay](/assets/quay.jpg)\n\n"
                + "<p><img src=\"/assets/icon.png\" alt=\"Icon\" width=\"64\" height=\"64\"></p>\n\n![Unknown](/assets/later.jpg)");

        Article shown = article.withImages(Map.of("/assets/quay.jpg", QUAY, "/assets/icon.png", ICON));

        assertEquals(Optional.of(QUAY), shown.metadata().image().orElseThrow().stored());
        var body = Jsoup.parseBodyFragment(shown.bodyHtml());
        Element quay = body.selectFirst("img[src=/assets/quay.jpg]");
        assertEquals("1800", quay.attr("width"));
        assertEquals("1200", quay.attr("height"));
        assertEquals("/assets/quay-480w.jpg 480w, /assets/quay-960w.jpg 960w, /assets/quay-1600w.jpg 1600w, /assets/quay.jpg 1800w",
                quay.attr("srcset"));
        assertEquals(StoredImage.COLUMN_SIZES, quay.attr("sizes"));
        assertEquals("lazy", quay.attr("loading"));
        Element icon = body.selectFirst("img[src=/assets/icon.png]");
        assertEquals("64", icon.attr("width"), "the writer's own size stays");
        assertEquals("", icon.attr("srcset"), "an image without variants has no srcset");
        Element later = body.selectFirst("img[src=/assets/later.jpg]");
        assertEquals(List.of("src", "alt", "loading", "decoding"), later.attributes().asList().stream().map(a -> a.getKey()).toList(),
                "an image not there yet stays as written");
        assertSame(article, article.withImages(Map.of()));
    }
}
