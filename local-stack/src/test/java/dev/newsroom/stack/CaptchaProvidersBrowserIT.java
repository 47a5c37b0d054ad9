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
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * hCaptcha and Turnstile end to end, as reCAPTCHA is in {@link CommentFormBrowserIT}: the page
 * renders the provider's widget through its documented JavaScript API (the local stand-in of it),
 * the form posts the token it gives, and the function checks it with the provider's siteverify
 * protocol (the local siteverify server speaks each).
 */
class CaptchaProvidersBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @ParameterizedTest
    @ValueSource(strings = {"hcaptcha", "turnstile"})
    void aCommentPassesOrFailsTheProvidersCheck(String provider) throws Exception {
        try (LocalNewsroom newsroom = LocalNewsroom.start(CloudFormationTemplate.repositoryRoot().resolve("template.yaml"),
                Files.createTempDirectory("newsroom-" + provider), 0,
                Map.of("CAPTCHA_PROVIDER", provider, "CAPTCHA_SITE_KEY", "local-" + provider + "-key"))) {
            JsonNode endpoints = newsroom.endpoints();
            assertTrue(endpoints.get("siteverify").asText().contains(provider.equals("turnstile") ? "/turnstile/" : "/siteverify"));
            try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(endpoints.get("s3").asText())).forcePathStyle(true)
                    .region(Region.of(endpoints.get("region").asText())).credentialsProvider(LocalServices.credentials()).build()) {
                s3.putObject(r -> r.bucket(endpoints.get("sourceBucket").asText()).key("articles/captcha-" + provider + ".md"),
                        RequestBody.fromString("---\ntitle: Checked by " + provider + "\ndate: 2026-11-24\ncategory: Town\n---\nSay something.\n"));
            }
            String article = newsroom.siteUrl() + "/articles/captcha-" + provider;
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(WAIT).until(() -> http.send(HttpRequest.newBuilder(URI.create(article)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            WebDriver browser = HeadlessChromium.start();
            try {
                open(browser, article + "?captcha=test-pass");
                WebElement form = browser.findElement(By.id("comment-form"));
                assertEquals(provider, form.getDomAttribute("data-captcha"));
                assertEquals("local-" + provider + "-key", form.getDomAttribute("data-site-key"));
                String words = "Checked by " + provider + " " + System.nanoTime();
                post(browser, words);
                new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("comment-list"), words));
                assertEquals("Thank you for your comment.", browser.findElement(By.id("comment-notice")).getText());

                open(browser, article + "?captcha=test-fail");
                post(browser, "Refused words " + System.nanoTime());
                new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(By.id("comment-form-error"), "Captcha verification failed!"));
            } finally {
                browser.quit();
            }
        }
    }

    private static void open(WebDriver browser, String page) {
        browser.get(page);
        new WebDriverWait(browser, WAIT).until(d -> (Boolean) ((JavascriptExecutor) d)
                .executeScript("return document.readyState === 'complete' && !!(window.hcaptcha || window.turnstile)"));
    }

    private static void post(WebDriver browser, String body) {
        browser.findElement(By.id("comment-body")).sendKeys(body);
        browser.findElement(By.id("comment-name")).sendKeys("Rosa");
        browser.findElement(By.cssSelector("#comment-form button[type=submit]")).click();
    }
}
