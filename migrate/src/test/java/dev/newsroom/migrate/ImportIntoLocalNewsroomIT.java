package dev.newsroom.migrate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsroom.stack.LocalNewsroom;
import dev.newsroom.testkit.CloudFormationTemplate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./newsroom import hugo} into the whole local newsroom, on a sample of a real Hugo site
 * (the OpenTelemetry blog, in test resources): what it publishes shows no shortcode and no broken
 * image, and importing again changes nothing.
 */
class ImportIntoLocalNewsroomIT {

    private static final Path SAMPLE = Path.of("src/test/resources/opentelemetry-blog-sample").toAbsolutePath();

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();

    private String importSample() {
        return run("hugo", SAMPLE.toString());
    }

    private String run(String system, String source) {
        StringWriter out = new StringWriter();
        int status = new CommandLine(new NewsroomImport()).setOut(new PrintWriter(out, true)).execute(system, source,
                "--endpoints", dataDir.resolve("endpoints.json").toString(), "--report", work.resolve("report.json").toString());
        assertEquals(0, status, out.toString());
        return out.toString();
    }

    @Test
    void publishesTheSiteWithItsImagesAndNoShortcodesAndAgainChangesNothing() throws Exception {
        Path template = CloudFormationTemplate.repositoryRoot().resolve("template.yaml");
        try (LocalNewsroom stack = LocalNewsroom.start(template, dataDir, 0)) {
            String site = stack.siteUrl().toString().replaceAll("/$", "");
            String first = importSample();
            assertTrue(first.contains("8 files: 5 published, 2 published with warnings, 1 not imported"), first);
            JsonNode report = new ObjectMapper().readTree(work.resolve("report.json").toFile());
            List<String> published = new ArrayList<>();
            for (JsonNode outcome : report.get("outcomes")) {
                if (outcome.get("outcome").asText().startsWith("published")) {
                    published.add(outcome.get("newsroomUrl").asText());
                    assertEquals(outcome.get("originalUrl").asText(), outcome.get("newsroomUrl").asText(), "Hugo's URL is kept");
                }
            }
            assertEquals(7, published.size(), report::toPrettyString);
            for (String path : published) {
                await(path).atMost(Duration.ofSeconds(30)).until(() -> get(site + path).statusCode() == 200);
                Document page = Jsoup.parse(get(site + path).body(), site + path);
                String text = page.selectFirst("main").text();
                assertFalse(text.contains("{{<") || text.contains("{{%"), path + " shows a shortcode: " + text);
                for (var image : page.select("main img")) {
                    // Its upload's event may come after the article's: a photo is read and given its variants first.
                    String src = image.absUrl("src");
                    await(path + " shows a broken image: " + src).atMost(Duration.ofSeconds(15)).until(() -> get(src).statusCode() == 200);
                }
            }
            Document pipeline = Jsoup.parse(get(site + "/blog/2026/consuming-opentelemetry-entity-events/").body());
            assertNotNull(pipeline.selectFirst("main img[src=/assets/blog/2026/consuming-opentelemetry-entity-events/pipeline.svg]"));
            Document kubecon = Jsoup.parse(get(site + urlOf(report, "en/blog/2025/kubecon-na.md")).body());
            assertNotNull(kubecon.selectFirst("a[href^=https://events.linuxfoundation.org/kubecon-cloudnativecon-north-america/"
                    + "?utm_source=opentelemetry]"), "param reads anchored front matter");
            assertTrue(Jsoup.parse(get(site + urlOf(report, "declarative-config-rc3/index.md")).body()).select("img[src*=schema]").isEmpty());
            String english = urlOf(report, "en/blog/2025/kubecon-na.md");
            String japanese = urlOf(report, "ja/blog/2025/kubecon-na.md");
            assertEquals("/ja" + english, japanese, "the translation at Hugo's URL for it");
            Document translation = Jsoup.parse(get(site + japanese).body());
            assertEquals("ja", translation.selectFirst("html").attr("lang"));
            await(english).atMost(Duration.ofSeconds(30)).until(() -> Jsoup.parse(get(site + english).body())
                    .selectFirst("link[hreflang=ja]") != null);
            assertTrue(Jsoup.parse(get(site + japanese).body()).selectFirst("link[hreflang=en]").attr("href").endsWith(english),
                    "each version links the other");
            JsonNode warned = null;
            for (JsonNode outcome : report.get("outcomes")) {
                if (outcome.get("file").asText().endsWith("declarative-config-rc3/index.md")) {
                    warned = outcome;
                }
            }
            assertEquals("the image schema.gif is not in the site: it is left out", warned.get("details").get(0).asText());

            String again = importSample();
            assertTrue(again.contains("uploaded 0 files"), again);
        }
    }

    @Test
    void publishesAWordPressExportsPostsAsWordPressShowsThem() throws Exception {
        Path template = CloudFormationTemplate.repositoryRoot().resolve("template.yaml");
        Path export = Path.of("src/test/resources/wordpress-sample.xml").toAbsolutePath();
        try (LocalNewsroom stack = LocalNewsroom.start(template, dataDir, 0)) {
            String site = stack.siteUrl().toString().replaceAll("/$", "");
            String first = run("wordpress", export.toString());
            assertTrue(first.contains("4 items: 2 published, 1 published with warnings, 1 not imported"), first);
            assertTrue(first.contains("comments: 2 approved and 1 pending brought along; left out: 1 in WordPress's spam, 1 pingbacks"), first);
            assertTrue(first.contains("imported 3 comments (0 already there)"), first);
            String ferryUrl = "/2024/05/01/ferry-timetable/";
            await().atMost(Duration.ofSeconds(30)).until(() -> get(site + ferryUrl).statusCode() == 200
                    && get(site + "/category/transport").body().contains(ferryUrl));
            Document ferry = Jsoup.parse(get(site + ferryUrl).body());
            assertEquals("Ferry timetable changes on Monday", ferry.selectFirst("h1").text());
            assertEquals("The harbour ferry runs every twenty minutes from Monday. Evening sailings stop at ten.",
                    ferry.selectFirst("main article p:not(.meta):not(.kicker)").text().replace("\n", " "));
            assertEquals("The ferry at the north pier", ferry.selectFirst("main figure figcaption").text());
            assertEquals(2, ferry.select("main ul li").stream().filter(li -> li.text().startsWith("Week")).count(),
                    "a list with blank lines inside stays a list");
            assertEquals("What changes", ferry.selectFirst("main h2:not(.author h2)").text(), "the body's h1 moves below the headline");
            assertTrue(ferry.text().contains("Amara Okafor"));
            await().atMost(Duration.ofSeconds(30)).until(() -> get(site + "/?p=12").statusCode() == 301);
            assertEquals(ferryUrl, get(site + "/?p=12").headers().firstValue("Location").orElseThrow(),
                    "WordPress's numeric link answers with a 301 to the permalink");
            Document library = Jsoup.parse(get(site + "/2024/05/02/library-late/").body());
            assertEquals("Reading rooms need evenings too.", library.selectFirst("main blockquote").text());
            assertFalse(library.html().contains("wp:paragraph"));
            JsonNode comments = new ObjectMapper().readTree(get(site + "/api/articles/2024~05~01~ferry-timetable~/comments").body())
                    .get("comments");
            assertEquals(2, comments.size(), comments::toString);
            assertEquals("A reader", comments.get(0).get("name").asText());
            assertEquals("Twenty minutes it is.\n\nSee you at the pier.", comments.get(1).get("body").asText());
            assertEquals(comments.get(0).get("id").asText(), comments.get(1).get("parentId").asText(), "the thread is kept");
            assertFalse(comments.toString().toLowerCase(java.util.Locale.ROOT).contains("pilot@harbour.example"), "emails stay private");
            JsonNode endpoints = new ObjectMapper().readTree(dataDir.resolve("endpoints.json").toFile());
            JsonNode pending = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(site + "/api/moderation/comments?queue=pending"))
                    .header("Authorization", "Bearer " + endpoints.get("moderatorToken").asText()).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("comments");
            assertEquals("Waiting for a moderator.", pending.get(0).get("body").asText(), "a pending comment waits for a moderator");
            Document about = Jsoup.parse(get(site + "/about/").body());
            assertEquals("About", about.selectFirst("h1").text(), "a WordPress page is a static page, at its permalink");
            assertTrue(about.select("#comment-form, .more").isEmpty());
            assertFalse(get(site + "/").body().contains("/about/"), "never listed");
            String again = run("wordpress", export.toString());
            assertTrue(again.contains("uploaded 0 files") && again.contains("imported 0 comments (3 already there)"), again);
        }
    }

    /** Where the report says the file ending in {@code file} was published. */
    private static String urlOf(JsonNode report, String file) {
        for (JsonNode outcome : report.get("outcomes")) {
            if (outcome.get("file").asText().endsWith(file)) {
                return outcome.get("newsroomUrl").asText();
            }
        }
        throw new AssertionError(file + " is not in the report");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
