package dev.newsroom.stack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.LocalServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
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
 * The comment form in headless Chromium (Debian's chromium and chromium-driver), against the local
 * stack: the page from the front, the API through it, the captcha widget stand-in and the local
 * siteverify server, whose answer each test picks with the page's {@code ?captcha=} parameter.
 */
class CommentFormBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static LocalNewsroom newsroom;
    private static WebDriver browser;
    private static String article;
    private static String spanishArticle;
    private static String photographed;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("newsroom-browser");
        // Every test posts from 127.0.0.1: a rate limit above the template's 5 a minute keeps them apart.
        newsroom = LocalNewsroom.start(CloudFormationTemplate.repositoryRoot().resolve("template.yaml"), data, 0,
                java.util.Map.of("RATE_LIMIT_PER_MINUTE", "100"));
        JsonNode endpoints = newsroom.endpoints();
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(endpoints.get("s3").asText())).forcePathStyle(true)
                .region(Region.of(endpoints.get("region").asText())).credentialsProvider(LocalServices.credentials()).build()) {
            String source = endpoints.get("sourceBucket").asText();
            s3.putObject(r -> r.bucket(source).key("site.yaml"),
                    RequestBody.fromString("languages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n"
                            + "menus:\n  main:\n    - {name: About us, url: /about}\n"));
            s3.putObject(r -> r.bucket(source).key("pages/about.md"),
                    RequestBody.fromString("---\ntitle: About us\ndate: 2026-01-01\n---\nAn independent newsroom.\n"));
            // Its article first, then the photo: the page is read again once the photo has its variants.
            s3.putObject(r -> r.bucket(source).key("articles/photographed.md"),
                    RequestBody.fromString("---\ntitle: Photographed\ndate: 2026-11-24\ncategory: Town\ntags: [Harbour]\n"
                            + "author: {name: Lena Berg, bio: Covers the port., twitter: lenaberg}\n"
                            + "correction: An earlier version misnamed the quay.\n"
                            + "image: {src: /assets/browser/quay.jpg, alt: The quay, caption: The quay at dawn, credit: Lena Berg}\n"
                            + "---\nA picture of the quay.\n"));
            s3.putObject(r -> r.bucket(source).key("assets/browser/quay.jpg"), RequestBody.fromBytes(photo(1800, 1200)));
            s3.putObject(r -> r.bucket(source).key("articles/open-for-comments.md"),
                    RequestBody.fromString("---\ntitle: Open for comments\ndate: 2026-11-24\ncategory: Town\n---\nSay something.\n"));
            s3.putObject(r -> r.bucket(source).key("articles/open-for-comments.es.md"),
                    RequestBody.fromString("---\ntitle: Abierto a comentarios\ndate: 2026-11-24\ncategory: Town\n---\nDi algo.\n"));
        }
        article = newsroom.siteUrl() + "/articles/open-for-comments";
        spanishArticle = newsroom.siteUrl() + "/es/articles/open-for-comments";
        HttpClient http = HttpClient.newHttpClient();
        for (String page : List.of(article, spanishArticle)) {
            await().atMost(WAIT).until(() -> http.send(HttpRequest.newBuilder(URI.create(page)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        }

        photographed = newsroom.siteUrl() + "/articles/photographed";
        await().atMost(WAIT).until(() -> http.send(HttpRequest.newBuilder(URI.create(photographed)).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("quay-960w.jpg"));
        browser = HeadlessChromium.start();
    }

    /** A photographer's JPEG of this size, in miniature. */
    private static byte[] photo(int width, int height) throws java.io.IOException {
        var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, java.awt.Color.ORANGE, width, height, java.awt.Color.DARK_GRAY));
        g.fillRect(0, 0, width, height);
        g.dispose();
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    /**
     * The browser picks the variant that fills the column, never the 1,800-pixel original, and holds
     * the photo's place from its width and height before it loads; the menu leads to the static page.
     */
    @Test
    void aPhotoLoadsAsTheVariantThatFitsInItsPlaceAndTheMenuLeadsToItsPage() {
        browser.get(photographed);
        JavascriptExecutor js = (JavascriptExecutor) browser;
        waiting().until(d -> (Boolean) js.executeScript("var i = document.querySelector('figure.lead img'); return i.complete && i.naturalWidth > 0"));
        String chosen = (String) js.executeScript("return document.querySelector('figure.lead img').currentSrc");
        assertTrue(chosen.matches(".*/assets/browser/quay-(480|960|1600)w\\.jpg"), chosen);
        Number width = (Number) js.executeScript("return document.querySelector('figure.lead img').getBoundingClientRect().width");
        Number height = (Number) js.executeScript("return document.querySelector('figure.lead img').getBoundingClientRect().height");
        assertEquals(width.doubleValue() * 2 / 3, height.doubleValue(), 1.0, "shown in its own proportions");
        assertEquals("high", browser.findElement(By.cssSelector("head link[rel=preload][as=image]")).getAttribute("fetchpriority"));

        browser.findElement(By.cssSelector("header nav a")).click();
        waiting().until(ExpectedConditions.urlContains("/about"));
        assertEquals("About us", browser.findElement(By.tagName("h1")).getText());
        assertEquals("About us", browser.findElement(By.cssSelector("header nav a")).getText(), "every page shows the menu");
    }

    /**
     * axe-core (npm, pinned in package.json) finds no violation of its rules on any type of reader's
     * page, on the not-found page or on the desk's sign-in, as Chromium renders them from the stack.
     */
    @Test
    void axeFindsNoViolationOnAnyPageType() throws Exception {
        // Each page with what shows it is complete: the listings once the relate function has added the article.
        Map<String, String> pages = new LinkedHashMap<>();
        for (String listing : List.of("/", "/category/town", "/tag/harbour", "/author/lena-berg", "/archive/2026/11/24", "/corrections")) {
            pages.put(listing, "/articles/photographed");
        }
        pages.put("/articles/photographed", "quay-960w.jpg");
        pages.put("/about", "An independent newsroom.");
        pages.put("/es/articles/open-for-comments", "Abierto a comentarios");
        pages.put("/no-such-page", "</main>");
        pages.put("/desk/", "</main>");
        HttpClient http = HttpClient.newHttpClient();
        Map<String, List<String>> violations = new LinkedHashMap<>();
        for (var page : pages.entrySet()) {
            URI uri = URI.create(newsroom.siteUrl() + page.getKey());
            await().atMost(WAIT).until(() -> http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains(page.getValue()));
            browser.get(uri.toString());
            waiting().until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return document.readyState === 'complete'"));
            List<String> found = HeadlessChromium.axeViolations(browser);
            if (!found.isEmpty()) {
                violations.put(page.getKey(), found);
            }
        }
        assertEquals(Map.of(), violations);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        newsroom.close();
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, WAIT);
    }

    private void open(String captcha) {
        open(article, captcha);
    }

    private void open(String page, String captcha) {
        browser.get(page + "?captcha=" + captcha);
        waiting().until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return document.readyState === 'complete' && !!window.grecaptcha"));
    }

    private void fill(String name, String body) {
        WebElement nameField = browser.findElement(By.id("comment-name"));
        nameField.clear();
        nameField.sendKeys(name);
        WebElement bodyField = browser.findElement(By.id("comment-body"));
        bodyField.clear();
        bodyField.sendKeys(body);
        browser.findElement(By.cssSelector("#comment-form button[type=submit]")).click();
    }

    @Test
    void aPostedCommentAppearsWithoutAReload() {
        open("test-pass");
        String marker = "Well reported <b>" + System.nanoTime() + "</b>";
        fill("Rosa", marker);
        WebElement posted = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//ol[@id='comment-list']//p[@class='comment-body'][contains(., '" + marker.substring(0, 14) + "')]")));
        assertEquals(marker, posted.getText(), "reader text shows as text, not markup");
        assertEquals("Thank you for your comment.", browser.findElement(By.id("comment-notice")).getText());

        // The page itself carries it within seconds, once the comment pages function has rendered it.
        waiting().pollingEvery(Duration.ofSeconds(1)).until(d -> {
            d.navigate().refresh();
            return d.findElement(By.id("comment-list")).getText().contains(marker);
        });
        assertEquals(1, browser.findElements(By.xpath("//ol[@id='comment-list']//p[@class='comment-body'][.='" + marker + "']")).size(),
                "once: the script adds no copy of a comment the page has");
    }

    @Test
    void aReaderReportsACommentWithAReason() {
        open("test-pass");
        String marker = "Worth a report " + System.nanoTime();
        fill("Rosa", marker);
        WebElement comment = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//ol[@id='comment-list']/li[p[@class='comment-body'][.='" + marker + "']]")));
        comment.findElement(By.cssSelector("button.report")).click();
        assertEquals("Why report this comment?", comment.findElement(By.cssSelector(".report-reasons legend")).getText());
        comment.findElement(By.cssSelector(".report-reasons input[value=abuse]")).click();
        comment.findElement(By.cssSelector("button.report-send")).click();
        waiting().until(ExpectedConditions.textToBePresentInElement(comment, "Reported. A moderator will look at it."));
    }

    /** The page's Content-Security-Policy holds in the browser: its own scripts run, an injected inline or foreign one does not. */
    @Test
    void thePagesContentPolicyLetsOnlyItsOwnScriptsRun() {
        open("test-pass");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        Object blocked = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const violations = [];
                document.addEventListener('securitypolicyviolation', e => violations.push(e.violatedDirective));
                const inline = document.createElement('script');
                inline.textContent = 'window.injected = true';
                document.head.appendChild(inline);
                const foreign = document.createElement('script');
                foreign.src = 'https://scripts.invalid/x.js';
                document.head.appendChild(foreign);
                setTimeout(() => done([String(window.injected === true), violations.join(',')]), 500);
                """);
        assertEquals(List.of("false", "script-src-elem,script-src-elem"), blocked, "both refused by the policy");
        fill("Rosa", "Policy holds " + System.nanoTime());
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("comment-notice"), "Thank you"));
    }

    @Test
    void emptyFieldsShowTheOriginalMessagesBesideThem() {
        open("test-pass");
        fill("", "");
        assertEquals("Please enter your comment!", browser.findElement(By.id("comment-body-error")).getText());
        assertEquals("Please enter your name here", browser.findElement(By.id("comment-name-error")).getText());
        assertEquals("true", browser.findElement(By.id("comment-body")).getDomAttribute("aria-invalid"));
        assertEquals("comment-body", browser.switchTo().activeElement().getDomAttribute("id"), "focus goes to the first field to fix");
    }

    @Test
    void aFailingCaptchaShowsItsMessage() {
        open("test-fail");
        fill("Bot", "Spam");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("comment-form-error"),
                "Captcha verification failed!"));
    }

    @Test
    void aLowScoreShowsTheScoreMessage() {
        open("test-pass-score-0.2");
        fill("Bot", "Spam again");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("comment-form-error"),
                "CAPTCHA user score failed. Please contact us!"));
    }

    @Test
    void aHeldCommentShowsThePendingNotice() {
        open("test-pass-score-0.6");
        fill("Newcomer", "First time here " + System.nanoTime());
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("comment-notice"), "awaiting moderation"));
        assertTrue(browser.findElements(By.cssSelector("#comment-list .comment-body")).stream()
                .noneMatch(e -> e.getText().startsWith("First time here")), "a pending comment is not listed");
    }

    @Test
    void repliesNestUnderTheirParent() {
        open("test-pass");
        String parent = "Parent " + System.nanoTime();
        fill("Ana", parent);
        WebElement item = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//li[@class='comment'][p[@class='comment-body'][.='" + parent + "']]")));
        item.findElement(By.cssSelector("button.reply")).click();
        assertEquals("comment-body", browser.switchTo().activeElement().getDomAttribute("id"));
        String reply = "Reply " + System.nanoTime();
        fill("Ben", reply);
        WebElement nested = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//li[@class='comment'][p[@class='comment-body'][.='" + parent + "']]/ol[@class='replies']/li")));
        assertEquals(reply, nested.findElement(By.className("comment-body")).getText());
        List<WebElement> topLevel = browser.findElements(By.xpath("//ol[@id='comment-list']/li/p[@class='comment-body'][.='" + reply + "']"));
        assertTrue(topLevel.isEmpty());
    }

    @Test
    void aTranslationsFormSpeaksItsLanguage() {
        open(spanishArticle, "test-fail");
        assertEquals("Deja un comentario", browser.findElement(By.id("comment-form-heading")).getText());
        WebElement email = browser.findElement(By.id("comment-email"));
        email.sendKeys("no es un correo");
        fill("", "");
        assertEquals("¡Escribe tu comentario!", browser.findElement(By.id("comment-body-error")).getText());
        assertEquals("Escribe aquí tu nombre", browser.findElement(By.id("comment-name-error")).getText());
        assertEquals("Escribe una dirección de correo válida.", browser.findElement(By.id("comment-email-error")).getText());

        browser.findElement(By.id("comment-email")).clear();
        fill("Bot", "Spam");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("comment-form-error"),
                "¡La verificación del captcha ha fallado!"));
    }
}
