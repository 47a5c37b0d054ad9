package dev.newsroom.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.LocalKeyValueStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code template.yaml}'s viewer-request function, its own code, under Node as the local front runs
 * it, against the local key-value store: what the edge answers for each kind of request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewerRequestFunctionIT {

    @TempDir
    static Path dir;
    private LocalKeyValueStore store;
    private ViewerRequestFunction function;

    @BeforeAll
    void start() throws Exception {
        store = LocalKeyValueStore.start(Optional.empty());
        String code = CloudFormationTemplate.ofRepository().resource("SiteViewerRequest").path("Properties")
                .path("FunctionCode").asText();
        function = ViewerRequestFunction.start(code, store.url(), dir);
        put("/2019/06/07/ropensci-docs/", "/blog/2019/06/07/ropensci-docs/");
        put("/?p=123", "/blog/2019/06/07/ropensci-docs/");
        put("/?page_id=7", "/about");
        put("/Posts/Old%20Story.html", "/articles/old-story");
        put("/greek/%CE%B5%CF%80/", "/greek-level-2");
    }

    @AfterAll
    void stop() {
        function.close();
        store.close();
    }

    /** Writes a key as the redirects function would; the store takes writes only through its API. */
    private void put(String key, String value) throws Exception {
        String storePath = store.url() + "/key-value-stores/" + URLEncoder.encode(LocalKeyValueStore.ARN, StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newHttpClient();
        String signedLike = "AWS4-ECDSA-P256-SHA256 Credential=local/20261206/cloudfront-keyvaluestore/aws4_request";
        String eTag = http.send(HttpRequest.newBuilder(URI.create(storePath)).header("Authorization", signedLike)
                .header("X-Amz-Region-Set", "*").build(), HttpResponse.BodyHandlers.ofString()).headers().firstValue("ETag").orElseThrow();
        http.send(HttpRequest.newBuilder(URI.create(storePath + "/keys/" + URLEncoder.encode(key, StandardCharsets.UTF_8)))
                .header("Authorization", signedLike).header("X-Amz-Region-Set", "*").header("If-Match", eTag)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"Value\":\"" + value + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private ViewerRequestFunction.Outcome get(String rawPath, String rawQuery) throws Exception {
        return function.handle("GET", rawPath, rawQuery);
    }

    @ParameterizedTest
    @CsvSource({
            "/2019/06/07/ropensci-docs/, , /blog/2019/06/07/ropensci-docs/",
            "/, p=123, /blog/2019/06/07/ropensci-docs/",
            "/index.php, p=123&utm_source=x, /blog/2019/06/07/ropensci-docs/",
            "/, page_id=7, /about",
            "/Posts/Old%20Story.html, , /articles/old-story",
            "/greek/%CE%B5%CF%80/, , /greek-level-2",
            "/greek/%ce%b5%cf%80/, , /greek-level-2"})
    void anOldAddressAnswers301WithWhereItsArticleIsNow(String path, String query, String location) throws Exception {
        assertEquals(new ViewerRequestFunction.Answer(301, java.util.Map.of("location", location, "cache-control", "max-age=86400")),
                get(path, query));
    }

    @ParameterizedTest
    @CsvSource({
            "/index.xml, /feed.xml",
            "/feed/, /feed.xml",
            "/tags/opentelemetry/, /tag/opentelemetry",
            "/tags/opentelemetry, /tag/opentelemetry",
            "/tags/opentelemetry/index.xml, /tag/opentelemetry",
            "/tag/collector/, /tag/collector",
            "/categories/city/, /category/city",
            "/category/city/, /category/city",
            "/category/city/feed/, /category/city/feed.xml",
            "/categories/city/index.xml, /category/city/feed.xml",
            "/author/amara/, /author/amara"})
    void theListAndFeedUrlsOfHugoAndWordPressAnswer301WithOurs(String path, String location) throws Exception {
        assertEquals(location, ((ViewerRequestFunction.Answer) get(path, null)).headers().get("location"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/articles/harbour-bridge", "/assets/2026/bridge.jpg", "/sitemap.xml",
            "/tag/a.b/c", "/404.html", "/category/city", "/tag/collector", "/feed.xml", "/blog/2019/06/07/ropensci-docs/"})
    void anyOtherUrlGoesToItsObjectAsSiteLayoutSays(String path) throws Exception {
        assertEquals(new ViewerRequestFunction.Forward("/" + SiteLayout.objectKey(path)), get(path, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"p=999", "p=abc", "cat=3", ""})
    void aQueryThatNamesNoOldPostIsAnOrdinaryRequest(String query) throws Exception {
        assertEquals(new ViewerRequestFunction.Forward("/index.html"), get("/", query));
    }
}
