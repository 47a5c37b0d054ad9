package dev.newsroom.stack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.testkit.CloudFormationTemplate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stack as a user runs it: the launcher in its own process, on a free port and a temporary data
 * directory; articles published with the real AWS CLI; pages read over HTTP from the front.
 */
class NewsroomUpEndToEndIT {

    private static final Duration PAGE_DEADLINE = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void publishesOverwritesDeletesAndKeepsDataAcrossRestarts() throws Exception {
        Path article = dataDir.resolveSibling(dataDir.getFileName() + "-article.md");
        JsonNode endpoints;
        try (UpProcess stack = UpProcess.start(dataDir)) {
            endpoints = stack.endpoints;
            String site = endpoints.get("site").asText();
            await().atMost(PAGE_DEADLINE).until(() -> status(site + "/articles/harbour-bridge-reopens") == 200);

            write(article, "Town hall clock fixed", "The clock strikes again.");
            aws(endpoints, "s3", "cp", article.toString(), "s3://source-bucket/articles/town hall clock.md");
            await().atMost(PAGE_DEADLINE).until(() -> h1(site + "/articles/town-hall-clock").equals("Town hall clock fixed"));
            HttpResponse<String> page = get(site + "/articles/town-hall-clock");
            assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""));
            assertTrue(page.headers().firstValue("Cache-Control").orElseThrow().startsWith("public, max-age=60"));

            write(article, "Town hall clock fixed at last", "It chimed at noon.");
            aws(endpoints, "s3", "cp", article.toString(), "s3://source-bucket/articles/town hall clock.md");
            await().atMost(PAGE_DEADLINE).until(() -> h1(site + "/articles/town-hall-clock").equals("Town hall clock fixed at last"));

            aws(endpoints, "s3", "rm", "s3://source-bucket/articles/town hall clock.md");
            await().atMost(PAGE_DEADLINE).until(() -> get(site + "/articles/town-hall-clock").body().contains("noindex"));

            write(article, "Still here after a restart", "Persistence.");
            aws(endpoints, "s3", "cp", article.toString(), "s3://source-bucket/articles/persistent.md");
            await().atMost(PAGE_DEADLINE).until(() -> status(site + "/articles/persistent") == 200);
            assertEquals(404, status(site + "/articles/never-published"));
            // An article as a data directory from before articles were keyed by path holds it: under its slug.
            try (DynamoDbClient dynamo = dynamo(endpoints)) {
                String table = endpoints.get("articlesTable").asText();
                var item = new java.util.HashMap<>(dynamo.getItem(r -> r.tableName(table)
                        .key(Map.of("slug", AttributeValue.fromS("/articles/persistent")))).item());
                item.put("slug", AttributeValue.fromS("kept-from-before"));
                item.put("title", AttributeValue.fromS("Kept from before"));
                item.put("sourceKey", AttributeValue.fromS("articles/kept-from-before.md"));
                item.remove("articleSlug");
                dynamo.putItem(r -> r.tableName(table).item(item));
            }
            Files.delete(dataDir.resolve(LocalNewsroom.KEYED_BY_PATH_MARKER)); // as no start of this version had seen it
            assertEquals(404, status(site + "/articles/kept-from-before"), "the relate function leaves an item under a bare slug alone");
        }

        // The same data directory, spelled with "..": it is the same place to the stack.
        try (UpProcess restarted = UpProcess.start(dataDir.resolve("..").resolve(dataDir.getFileName()))) {
            String site = restarted.endpoints.get("site").asText();
            assertEquals("Still here after a restart", h1(site + "/articles/persistent"));
            assertTrue(get(site + "/articles/town-hall-clock").body().contains("noindex"));
            try (DynamoDbClient dynamo = dynamo(restarted.endpoints)) {
                var item = dynamo.getItem(r -> r.tableName(restarted.endpoints.get("articlesTable").asText())
                        .key(Map.of("slug", AttributeValue.fromS("/articles/persistent")))).item();
                assertEquals("published", item.get("status").s());
            }
            assertEquals(List.of(), restarted.linesMatching("seeding"), "demo articles are published once");
            assertEquals(1, restarted.linesMatching("moved 1 articles, 0 comments and 0 upload records").size());
            assertEquals("Kept from before", h1(site + "/articles/kept-from-before"), "moved to its path and rendered at start");
        }
    }

    @Test
    void listingsFeedsSitemapsAndRelatedListsFollowUploads() throws Exception {
        Path article = dataDir.resolveSibling(dataDir.getFileName() + "-tram.md");
        try (UpProcess stack = UpProcess.start(dataDir)) {
            JsonNode endpoints = stack.endpoints;
            String site = endpoints.get("site").asText();
            await().atMost(PAGE_DEADLINE).until(() -> get(site + "/category/city").body().contains("Harbour bridge"));

            // An hour ago, so that Google News' two-day sitemap lists it too; the site's zone is UTC.
            java.time.Instant published = java.time.Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            String day = published.toString().substring(0, 10);
            Files.writeString(article, "---\ntitle: New tram line to the harbour\ndate: " + published + "\n"
                    + "category: City\ntags: [Transport, Harbour]\n---\nTrams run from Monday.\n");
            aws(endpoints, "s3", "cp", article.toString(), "s3://source-bucket/articles/tram.md");
            await().atMost(PAGE_DEADLINE).until(() -> get(site + "/articles/harbour-bridge-reopens").body()
                    .contains("href=\"/articles/tram\""));
            for (String path : List.of("/", "/category/city", "/tag/transport", "/feed.xml", "/category/city/feed.xml",
                    "/news-sitemap.xml", "/sitemaps/" + day + ".xml", "/archive/" + day.replace('-', '/'))) {
                await(path + " lists the new article").atMost(PAGE_DEADLINE)
                        .until(() -> status(site + path) == 200 && get(site + path).body().contains("/articles/tram"));
            }
            assertTrue(get(site + "/sitemap.xml").body().contains("/sitemaps/" + day + ".xml"));
            for (String metric : List.of("ArticlesPublished", "PagesWritten", "StreamLagSeconds")) {
                assertTrue(stack.linesMatching("\"" + metric + "\":").stream().anyMatch(l -> l.contains("\"Stack\":\"newsroom-local\"")
                        && l.contains("\"_aws\"")), metric + ": the functions' metric lines, as CloudWatch would read them");
            }
            Files.writeString(article, Files.readString(article).replace("category: City", "category: City\ncorrection: The line opens on Monday, not Sunday."));
            aws(endpoints, "s3", "cp", article.toString(), "s3://source-bucket/articles/tram.md");
            await("a corrected article is on the corrections page").atMost(PAGE_DEADLINE)
                    .until(() -> status(site + "/corrections") == 200 && get(site + "/corrections").body().contains("/articles/tram"));
            assertTrue(get(site + "/articles/tram").body().contains("The line opens on Monday, not Sunday."));
            HttpResponse<String> missing = get(site + "/no/such/page");
            assertEquals(404, missing.statusCode());
            assertTrue(missing.body().contains("Page not found") && missing.body().contains("/articles/tram"),
                    "the 404 page suggests the newest articles");

            assertEquals("/articles/tram: taken down", takedown("tram").split(",")[0], "./newsroom takedown, beside the running stack");
            assertTrue(h1(site + "/articles/tram").equals("This article is no longer available"), "withdrawn at once: the page is the notice");
            await().atMost(PAGE_DEADLINE).until(() -> !get(site + "/category/city").body().contains("/articles/tram"));
            await().atMost(PAGE_DEADLINE).until(() -> !get(site + "/articles/harbour-bridge-reopens").body().contains("/articles/tram"));
            await().atMost(PAGE_DEADLINE).until(() -> !get(site + "/feed.xml").body().contains("/articles/tram"));
            await("the stack's CloudFront logs the listings' invalidation").atMost(PAGE_DEADLINE)
                    .until(() -> stack.linesMatching("CloudFront invalidation").stream().anyMatch(l -> l.contains(" /category/city ")));
            assertTrue(stack.linesMatching("CloudFront invalidation").stream().anyMatch(l -> l.endsWith(": /articles/tram /articles/tram.html")),
                    () -> String.join("\n", stack.linesMatching("CloudFront invalidation")));
            aws(endpoints, "s3", "cp", article.toString(), "s3://source-bucket/articles/tram.md");
            await().during(Duration.ofSeconds(2)).atMost(PAGE_DEADLINE).until(() -> h1(site + "/articles/tram").equals("This article is no longer available"));

            assertTrue(takedown("tram", "--lift").startsWith("/articles/tram: takedown lifted"));
            await().atMost(PAGE_DEADLINE).until(() -> get(site + "/category/city").body().contains("/articles/tram"));
            assertEquals("New tram line to the harbour", h1(site + "/articles/tram"));
        }
    }

    /** {@code ./newsroom takedown} in a JVM of its own, as the launcher runs it; returns what it printed. */
    private String takedown(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dnewsroom.root=" + CloudFormationTemplate.repositoryRoot(), "-cp", System.getProperty("java.class.path"),
                NewsroomTakedown.class.getName(), "--data-dir", dataDir.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void oldAddressesAnswer301AsTheEdgeWouldAndKeepDoingSoAfterARestart() throws Exception {
        Path article = dataDir.resolveSibling(dataDir.getFileName() + "-moved.md");
        try (UpProcess stack = UpProcess.start(dataDir)) {
            JsonNode endpoints = stack.endpoints;
            String site = endpoints.get("site").asText();
            Files.writeString(article, "---\ntitle: Trams return\ndate: 2024-05-01\nurl: /blog/2024/trams-return/\n"
                    + "aliases: [/2024/05/01/trams-return.html, '/?p=77']\n---\nTrams run again.\n");
            aws(endpoints, "s3", "cp", article.toString(), "s3://source-bucket/articles/trams-return.md");
            await().atMost(PAGE_DEADLINE).until(() -> location(site + "/?p=77").equals("/blog/2024/trams-return/"));
            assertEquals("/blog/2024/trams-return/", location(site + "/2024/05/01/trams-return.html"));
            assertEquals("Trams return", h1(site + "/blog/2024/trams-return/"));
            assertEquals("/tag/harbour", location(site + "/tags/harbour/"), "Hugo's list URLs answer with ours");

            Files.writeString(article, Files.readString(article).replace("url: /blog/2024/trams-return/", "url: /transport/trams-return/"));
            aws(endpoints, "s3", "cp", article.toString(), "s3://source-bucket/articles/trams-return.md");
            await().atMost(PAGE_DEADLINE).until(() -> location(site + "/blog/2024/trams-return/").equals("/transport/trams-return/"));
            assertEquals("/transport/trams-return/", location(site + "/?p=77"), "the alias follows the article: no chain");
        }
        try (UpProcess restarted = UpProcess.start(dataDir)) {
            String site = restarted.endpoints.get("site").asText();
            assertEquals("/transport/trams-return/", location(site + "/2024/05/01/trams-return.html"));
            assertEquals("Trams return", h1(site + "/transport/trams-return/"));
        }
    }

    @Test
    void seedsASiteConfigurationWhosePermalinkChangeMovesArticlesAndLeavesRedirects() throws Exception {
        Path article = dataDir.resolveSibling(dataDir.getFileName() + "-trams.md");
        Path settings = dataDir.resolveSibling(dataDir.getFileName() + "-site.yaml");
        try (UpProcess stack = UpProcess.start(dataDir)) {
            JsonNode endpoints = stack.endpoints;
            String site = endpoints.get("site").asText();
            aws(endpoints, "s3", "cp", "s3://source-bucket/site.yaml", settings.toString());
            String seeded = Files.readString(settings);
            assertTrue(seeded.contains("permalinks:") && seeded.contains("menus:"), seeded);

            Files.writeString(article, "---\ntitle: Trams return\ndate: 2024-05-01\n---\nTrams run again.\n");
            aws(endpoints, "s3", "cp", article.toString(), "s3://source-bucket/articles/transport/trams.md");
            await().atMost(PAGE_DEADLINE).until(() -> status(site + "/articles/trams") == 200);

            assertEquals(List.of("Home"), menu(site + "/articles/trams"), "the seeded configuration's menu");
            assertEquals(List.of("Home"), menu(site + "/"));

            Files.writeString(settings, seeded.replace("permalinks:\n  /: /articles/:slug",
                    "permalinks:\n  /: /articles/:slug\n  transport: /transport/:year/:slug/")
                    .replace("    - {name: Home, url: /, weight: 1}", "    - {name: Home, url: /, weight: 1}\n    - {name: Trams, url: /transport/2024/trams/}"));
            aws(endpoints, "s3", "cp", settings.toString(), "s3://source-bucket/site.yaml");
            await().atMost(PAGE_DEADLINE).until(() -> location(site + "/articles/trams").equals("/transport/2024/trams/"));
            assertEquals("Trams return", h1(site + "/transport/2024/trams/"));
            for (String page : List.of("/", "/articles/harbour-bridge-reopens", "/category/city")) {
                await(page + " shows the new menu").atMost(PAGE_DEADLINE).until(() -> menu(site + page).equals(List.of("Home", "Trams")));
            }
        }
    }

    /** The labels of the page's main menu. */
    private List<String> menu(String url) throws Exception {
        return Jsoup.parse(get(url).body()).select("header nav a").eachText();
    }

    /** Where a 301 sends the reader; empty for any other answer. */
    private String location(String url) throws Exception {
        HttpResponse<String> response = get(url);
        return response.statusCode() == 301 ? response.headers().firstValue("Location").orElse("") : "";
    }

    /** A refused write is the database doing its job: the reader gets the 409, the log no stack trace. */
    @Test
    void failedConditionsStayOutOfTheLog() throws Exception {
        try (UpProcess stack = UpProcess.start(dataDir)) {
            String site = stack.endpoints.get("site").asText();
            await().atMost(PAGE_DEADLINE).until(() -> status(site + "/articles/harbour-bridge-reopens") == 200);
            assertEquals(201, postComment(site, "test-pass:1").statusCode());

            HttpResponse<String> again = postComment(site, "test-pass:2");

            assertEquals(409, again.statusCode(), again.body());
            assertTrue(again.body().contains("duplicate_comment"), again.body());
            // The function logs its answer after DynamoDB Local has logged, or not, the condition that failed.
            await().atMost(PAGE_DEADLINE).until(() -> !stack.linesMatching("POST comments → 409").isEmpty());
            assertEquals(List.of(), stack.linesMatching("DynamoDBLocalServiceException"));
        }
    }

    private HttpResponse<String> postComment(String site, String captchaToken) throws Exception {
        String body = "{\"name\":\"Rosa\",\"body\":\"The same comment twice.\",\"captchaToken\":\"" + captchaToken + "\"}";
        return http.send(HttpRequest.newBuilder(URI.create(site + "/api/articles/articles~harbour-bridge-reopens/comments"))
                .header("Content-Type", "application/json").header("Origin", site)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void documentsEveryOption() throws Exception {
        Process process = new ProcessBuilder(UpProcess.command(List.of("--help"))).redirectErrorStream(true).start();
        String help = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        for (String option : List.of("--port", "--data-dir", "--fresh", "--[no-]seed", "--template", "--help")) {
            assertTrue(help.contains(option), () -> option + " missing from:\n" + help);
        }
    }

    private static void write(Path file, String title, String body) throws IOException {
        Files.writeString(file, "---\ntitle: " + title + "\ndate: 2026-11-24\ncategory: Town\n---\n" + body + "\n");
    }

    /** The real AWS CLI, configured only through its standard environment variables. */
    private static void aws(JsonNode endpoints, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/aws", "--endpoint-url", endpoints.get("s3").asText()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", endpoints.get("accessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", endpoints.get("secretAccessKey").asText(),
                "AWS_DEFAULT_REGION", endpoints.get("region").asText(),
                "AWS_EC2_METADATA_DISABLED", "true", "AWS_PAGER", ""));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
    }

    private static DynamoDbClient dynamo(JsonNode endpoints) {
        return DynamoDbClient.builder().endpointOverride(URI.create(endpoints.get("dynamodb").asText()))
                .region(Region.of(endpoints.get("region").asText()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        endpoints.get("accessKeyId").asText(), endpoints.get("secretAccessKey").asText())))
                .build();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(String url) throws Exception {
        return get(url).statusCode();
    }

    private String h1(String url) throws Exception {
        HttpResponse<String> response = get(url);
        if (response.statusCode() != 200) {
            return "";
        }
        var h1 = Jsoup.parse(response.body()).selectFirst("h1");
        return h1 == null ? "" : h1.text();
    }
}
