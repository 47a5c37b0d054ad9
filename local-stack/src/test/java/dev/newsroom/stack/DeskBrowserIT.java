package dev.newsroom.stack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.LocalJson;
import dev.newsroom.testkit.LocalServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The desk in headless Chromium against the local stack, with every comment held for a moderator:
 * staff sign in at the local sign-in as they would at Cognito's hosted UI, see what waits, and
 * decide; an editor sees the queue and may not decide.
 */
class DeskBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalNewsroom newsroom;
    private static JsonNode endpoints;
    private static WebDriver browser;
    private static String site;
    private static int posts;

    @BeforeAll
    static void start() throws Exception {
        newsroom = LocalNewsroom.start(CloudFormationTemplate.repositoryRoot().resolve("template.yaml"),
                Files.createTempDirectory("newsroom-desk"), 0, Map.of("MODERATION", "manual", "RATE_LIMIT_PER_MINUTE", "100"));
        endpoints = newsroom.endpoints();
        site = newsroom.siteUrl().toString();
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(endpoints.get("s3").asText())).forcePathStyle(true)
                .region(Region.of(endpoints.get("region").asText())).credentialsProvider(LocalServices.credentials()).build()) {
            s3.putObject(r -> r.bucket(endpoints.get("sourceBucket").asText()).key("articles/harbour-vote.md"),
                    RequestBody.fromString("---\ntitle: Harbour vote\ndate: 2026-11-24\ncategory: Town\n---\nThe council votes.\n"));
        }
        await().atMost(WAIT).until(() -> get(site + "/articles/harbour-vote", null).statusCode() == 200);
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        newsroom.close();
    }

    @AfterEach
    void signOut() {
        browser.get(site + "/desk/");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A reader's comment, held for a moderator. */
    private static void held(String body) throws Exception {
        held(body, null);
    }

    /** A reader's comment, with their email (none: null), held for a moderator. */
    private static void held(String body, String email) throws Exception {
        HttpResponse<String> posted = post(body, email);
        assertEquals(202, posted.statusCode(), posted.body());
    }

    /** A reader's comment as the page's script posts it. */
    private static HttpResponse<String> post(String body, String email) throws Exception {
        var comment = LocalJson.mapper().createObjectNode().put("name", "Reader").put("body", body)
                .put("captchaToken", "test-pass:desk-" + (++posts));
        if (email != null) {
            comment.put("email", email);
        }
        return HTTP.send(HttpRequest.newBuilder(URI.create(site + "/api/articles/articles~harbour-vote/comments"))
                .header("Content-Type", "application/json").header("Origin", site)
                .POST(HttpRequest.BodyPublishers.ofString(comment.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode user(String username) {
        for (JsonNode user : endpoints.get("signIn").get("users")) {
            if (user.get("username").asText().equals(username)) {
                return user;
            }
        }
        throw new AssertionError("no seeded " + username);
    }

    private void signIn(String username) {
        browser.get(site + "/desk/");
        WebDriverWait waiting = new WebDriverWait(browser, WAIT);
        waiting.until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(user(username).get("password").asText());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("queues")));
        assertEquals(site + "/desk/", browser.getCurrentUrl(), "the code leaves the address bar");
    }

    private WebElement entry(String body) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//ol[@id='entries']/li[p[@class='body'][.='" + body + "']]")));
    }

    @Test
    void aModeratorSignsInSeesAHeldCommentAndApprovesIt() throws Exception {
        String body = "Count the <b>votes</b> again " + System.nanoTime();
        held(body);
        signIn("moderator");
        assertTrue(browser.findElement(By.id("who")).getText().startsWith("moderator"));
        WebElement waiting = entry(body);
        assertEquals("/articles/harbour-vote", waiting.findElement(By.cssSelector("a.article")).getDomAttribute("href"));
        assertEquals("Harbour vote", waiting.findElement(By.cssSelector("a.article")).getText(), "the article's title");
        assertEquals("Held: every comment waits for a moderator", waiting.findElement(By.cssSelector(".held")).getText(),
                "the rule that held it");
        assertEquals(List.of(), HeadlessChromium.axeViolations(browser), "axe on the desk's queue");
        waiting.findElement(By.cssSelector("[data-action=approve]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(By.id("status"), "Approved."));
        JsonNode published = LocalJson.mapper().readTree(get(site + "/api/articles/articles~harbour-vote/comments", null).body());
        assertTrue(published.get("comments").findValuesAsText("body").contains(body), published::toString);
        // The page itself, as a reader without script or a search engine fetches it, within a few seconds.
        await().atMost(WAIT).until(() -> org.jsoup.Jsoup.parse(get(site + "/articles/harbour-vote", null).body())
                .select("#comment-list .comment-body").eachText().contains(body));
        var page = org.jsoup.Jsoup.parse(get(site + "/articles/harbour-vote", null).body());
        assertTrue(page.selectFirst("#comments-heading .comment-count").text().matches("\\(\\d+\\)"));
        assertTrue(page.selectFirst("script[type=application/ld+json]").data().contains("\"commentCount\""));
        // And the home page's teaser says how many, once the relate function has listed the article again.
        await().atMost(WAIT).until(() -> org.jsoup.Jsoup.parse(get(site + "/", null).body()).select(".teasers li").stream()
                .anyMatch(li -> li.selectFirst("a").attr("href").equals("/articles/harbour-vote")
                        && li.select(".meta a[href$=#comments]").text().matches("Comments \\(\\d+\\)")));
    }

    @Test
    void aModeratorRejectsWithAReasonAndTheDeskShowsWhoDecidedAndWhy() throws Exception {
        String body = "Reject me " + System.nanoTime();
        held(body);
        signIn("moderator");
        WebElement waiting = entry(body);
        waiting.findElement(By.cssSelector("[data-action=reject]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(By.id("status"), "Give a reason to reject it."));
        waiting.findElement(By.cssSelector(".reason")).sendKeys("Personal attack");
        waiting.findElement(By.cssSelector("[data-action=reject]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(By.id("status"), "Rejected."));
        browser.findElement(By.cssSelector("[data-queue=rejected]")).click();
        String decision = entry(body).findElement(By.cssSelector(".audit li")).getText();
        assertTrue(decision.startsWith("reject by moderator, ") && decision.endsWith(": Personal attack"), decision);
    }

    @Test
    void aModeratorErasesACommenterByEmailFromTheDesk_H7() throws Exception {
        String email = "erase.me." + System.nanoTime() + "@example.org";
        held("Forget me " + email, email);
        signIn("moderator");
        WebElement field = browser.findElement(By.id("erase-email"));
        assertTrue(field.isDisplayed(), "a moderator's");
        field.sendKeys(email);
        browser.findElement(By.id("erase")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(By.id("status"), "Erased from 1 comment."));
    }

    @Test
    void anEditorSeesTheQueueButMayNotDecide() throws Exception {
        String body = "An editor reads this " + System.nanoTime();
        held(body);
        signIn("editor");
        WebElement waiting = entry(body);
        for (WebElement button : waiting.findElements(By.cssSelector("[data-action]"))) {
            String action = button.getDomAttribute("data-action");
            assertEquals(action.equals("history"), button.isDisplayed(), action + ": an editor reads a commenter's history, and decides nothing");
        }
        assertTrue(!browser.findElement(By.id("erasure")).isDisplayed(), "erasure is a moderator's");
        String editorToken = (String) ((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('desk.token')");
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(site + "/api/moderation/comments/articles~harbour-vote/x/approve"))
                .header("Authorization", "Bearer " + editorToken).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, refused.statusCode(), "the function refuses what the page hides");
    }

    @Test
    void withoutJavaScriptACommentReachesThePendingQueueAndTheReaderSeesTheAnswer() throws Exception {
        WebDriver plain = HeadlessChromium.withoutJavaScript();
        try {
            plain.get(site + "/articles/harbour-vote");
            assertEquals("Without JavaScript, your comment will wait for a moderator.",
                    plain.findElement(By.cssSelector("#comment-form noscript p, #comment-form p.noscript")).getText());
            String body = "Posted without script " + System.nanoTime();
            plain.findElement(By.id("comment-body")).sendKeys(body);
            plain.findElement(By.id("comment-name")).sendKeys("Plain Reader");
            plain.findElement(By.cssSelector("#comment-form button[type=submit]")).click();
            new WebDriverWait(plain, WAIT).until(ExpectedConditions.textToBe(By.tagName("h1"), "Thank you. Your comment is awaiting moderation."));
            assertTrue(plain.getCurrentUrl().startsWith(site + "/api/articles/"), "answered on the site's own origin");
            JsonNode pending = LocalJson.mapper().readTree(get(site + "/api/moderation/comments?queue=pending&limit=100",
                    endpoints.get("moderatorToken").asText()).body()).get("comments");
            JsonNode held = null;
            for (JsonNode comment : pending) {
                if (comment.get("body").asText().equals(body)) {
                    held = comment;
                }
            }
            assertEquals("none", held.get("captcha").asText(), "waiting, marked as posted without a captcha");
        } finally {
            plain.quit();
        }
    }

    @Test
    void theFrontRefusesTheModerationRouteWithoutAStaffToken_J4() throws Exception {
        HttpResponse<String> none = get(site + "/api/moderation/comments", null);
        assertEquals(401, none.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", none.body());
        assertTrue(none.headers().firstValue("www-authenticate").orElseThrow().contains("invalid_token"));
        assertEquals(200, get(site + "/api/moderation/comments", endpoints.get("moderatorToken").asText()).statusCode(),
                "endpoints.json's ready token is a moderator's");
        HttpResponse<String> page = get(site + "/desk/", null);
        assertEquals(200, page.statusCode());
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(site + "/desk/")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode(), "HEAD, which the distribution lets through");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"), policy);
        assertTrue(policy.contains(endpoints.get("signIn").get("issuer").asText()), "the page may reach its sign-in: " + policy);
    }

    /** Featured and replied to from the desk: readers without script see both, marked, on the page. */
    @Test
    void aModeratorFeaturesACommentAndRepliesAsStaffAndThePageShowsBoth() throws Exception {
        String body = "Worth featuring " + System.nanoTime();
        held(body);
        signIn("moderator");
        entry(body).findElement(By.cssSelector("[data-action=approve]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(By.id("status"), "Approved."));
        browser.findElement(By.cssSelector("[data-queue=approved]")).click();
        WebElement approved = entry(body);
        approved.findElement(By.cssSelector("[data-action=feature]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(By.id("status"), "Featured."));
        assertEquals("Featured", approved.findElement(By.cssSelector(".badges .badge")).getText());
        String reply = "Thank you, from the newsroom " + System.nanoTime();
        approved.findElement(By.cssSelector(".reply")).sendKeys(reply);
        approved.findElement(By.cssSelector("[data-action=reply]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(By.id("status"), "Reply published."));

        await().atMost(WAIT).until(() -> org.jsoup.Jsoup.parse(get(site + "/articles/harbour-vote", null).body())
                .select("#comment-list .comment-body").eachText().contains(reply));
        var page = org.jsoup.Jsoup.parse(get(site + "/articles/harbour-vote", null).body());
        var featured = page.select("#comment-list li.comment").stream()
                .filter(li -> li.children().size() > 1 && li.child(1).text().equals(body)).findFirst().orElseThrow();
        assertTrue(featured.hasClass("comment-featured"), featured::outerHtml);
        var staff = featured.selectFirst("ol.replies > li.comment");
        assertEquals(reply, staff.selectFirst(".comment-body").text());
        assertEquals("Staff", staff.selectFirst(".badge-staff").text());
        assertEquals("moderator", staff.selectFirst(".comment-author").text(), "under the account's name");
    }

    /** Keys select and decide, several at once; the search finds a commenter's words; a suspension keeps them out. */
    @Test
    void aModeratorWorksTheQueueByKeyboardInBulkAndBySearch() throws Exception {
        String mark = "bulk" + System.nanoTime();
        held("First " + mark);
        held("Second " + mark);
        signIn("moderator");
        browser.findElement(By.id("search-q")).sendKeys(mark);
        browser.findElement(By.cssSelector("#search button[type=submit]")).click();
        entry("First " + mark);
        entry("Second " + mark);
        new org.openqa.selenium.interactions.Actions(browser).sendKeys("j").sendKeys("x").sendKeys("j").sendKeys("x").perform();
        assertEquals("2 selected", browser.findElement(By.id("selected-count")).getText());
        browser.findElement(By.cssSelector("[data-bulk=approve]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(By.id("status"), "Approved. 2 of 2."));
        await().atMost(WAIT).until(() -> org.jsoup.Jsoup.parse(get(site + "/articles/harbour-vote", null).body())
                .select("#comment-list .comment-body").eachText().containsAll(List.of("First " + mark, "Second " + mark)));

        browser.findElement(By.cssSelector("[data-queue=approved]")).click();
        WebElement first = entry("First " + mark);
        first.findElement(By.cssSelector("[data-action=history]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElement(first.findElement(By.cssSelector(".history")),
                "No history: the commenter gave no email."));
        new org.openqa.selenium.support.ui.Select(first.findElement(By.cssSelector(".ban-days"))).selectByValue("1");
        first.findElement(By.cssSelector("[data-action=ban]")).click();
        try {
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(By.id("status"), "Applied to the commenter."));
            HttpResponse<String> refused = post("Back again " + mark, null);
            assertEquals(403, refused.statusCode(), refused.body());
        } finally {
            // Every test here posts from this one address: the suspension never outlives this test.
            first.findElement(By.cssSelector("[data-action=unban]")).click();
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(By.id("status"), "Ban lifted."));
        }
    }

    /** An editor previews a draft in the desk, in a sandboxed frame; the site has no page of it. */
    @Test
    void anEditorPreviewsADraftThatTheSiteDoesNotShow() throws Exception {
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(endpoints.get("s3").asText())).forcePathStyle(true)
                .region(Region.of(endpoints.get("region").asText())).credentialsProvider(LocalServices.credentials()).build()) {
            s3.putObject(r -> r.bucket(endpoints.get("sourceBucket").asText()).key("articles/ferry-plan.md"),
                    RequestBody.fromString("---\ntitle: Ferry plan\ndate: 2026-11-25\ncategory: Town\ndraft: true\n---\nNot yet.\n"));
        }
        signIn("editor");
        WebElement path = browser.findElement(By.id("preview-path"));
        await().atMost(WAIT).until(() -> {
            path.clear();
            path.sendKeys("/articles/ferry-plan");
            browser.findElement(By.cssSelector("#preview-form button[type=submit]")).click();
            return browser.findElement(By.id("preview-title")).getText().startsWith("Ferry plan (draft");
        });
        WebElement frame = browser.findElement(By.id("preview-frame"));
        assertEquals("", frame.getDomAttribute("sandbox"), "no script of the preview runs");
        browser.switchTo().frame(frame);
        try {
            assertEquals("Ferry plan", browser.findElement(By.tagName("h1")).getText());
        } finally {
            browser.switchTo().defaultContent();
        }
        assertEquals(404, get(site + "/articles/ferry-plan", null).statusCode(), "a draft is no page of the site");
    }

    /** The digest's schedule, run now, emails what waits: locally into the outbox that endpoints.json names. */
    @Test
    void theDigestOfWaitingCommentsReachesTheLocalOutbox() throws Exception {
        held("Tell the moderators about me.");

        newsroom.runSchedule("SendDigest");

        HttpResponse<String> outbox = get(endpoints.get("outbox").asText(), null);
        assertEquals(200, outbox.statusCode());
        assertTrue(outbox.body().contains("Subject: ") && outbox.body().contains("\"Tell the moderators about me.\""), outbox.body());
        assertTrue(outbox.body().contains("Open the desk: " + site + "/desk/"), outbox.body());
        assertEquals("text/plain; charset=utf-8", outbox.headers().firstValue("content-type").orElse(""));
    }
}
