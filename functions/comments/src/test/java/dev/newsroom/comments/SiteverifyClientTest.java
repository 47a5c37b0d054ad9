package dev.newsroom.comments;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.testkit.CloudFormationTemplate;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long a comment waits for the captcha provider (CommentsApiIT shows the 503 when it does not answer), and which secrets close posting. */
class SiteverifyClientTest {

    @Test
    void waitsAFewSecondsNotTheLambdaTimeout_E5() throws IOException {
        Duration lambdaTimeout = Duration.ofSeconds(CloudFormationTemplate.ofRepository().root()
                .path("Globals").path("Function").path("Timeout").asLong());

        assertTrue(SiteverifyClient.TIMEOUT.compareTo(Duration.ofSeconds(5)) <= 0, SiteverifyClient.TIMEOUT::toString);
        // Connecting and then answering may each take the whole timeout: both fit in the function's time.
        assertTrue(SiteverifyClient.TIMEOUT.multipliedBy(2).compareTo(lambdaTimeout) < 0, lambdaTimeout::toString);
    }

    @Test
    void aMissingSecretOrAPublishedTestSecretAtTheProviderClosesPosting_E7() {
        for (CaptchaProvider provider : CaptchaProvider.values()) {
            assertTrue(SiteverifyClient.closedBecause(provider, "", provider.endpoint()).isPresent(), provider + ": no secret");
            assertTrue(SiteverifyClient.closedBecause(provider, "a-real-secret", provider.endpoint()).isEmpty(), provider.name());
        }
        String[][] published = {{"RECAPTCHA", "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe"},
            {"HCAPTCHA", "0x0000000000000000000000000000000000000000"}, {"TURNSTILE", "1x0000000000000000000000000000000AA"},
            {"TURNSTILE", "2x0000000000000000000000000000000AA"}};
        for (String[] test : published) {
            CaptchaProvider provider = CaptchaProvider.valueOf(test[0]);
            assertTrue(SiteverifyClient.closedBecause(provider, test[1], provider.endpoint()).orElseThrow().contains("test secret"),
                    test[0] + " passes every token with it");
            assertTrue(SiteverifyClient.closedBecause(provider, test[1], java.net.URI.create("http://127.0.0.1:41234/siteverify")).isEmpty(),
                    "a local stand-in may take it");
            assertTrue(SiteverifyClient.closedBecause(provider, test[1], java.net.URI.create(provider.endpoint() + "/")).isPresent(),
                    "nor with a slash more");
            assertTrue(SiteverifyClient.closedBecause(provider, test[1], java.net.URI.create("https://www.recaptcha.net/recaptcha/api/siteverify"))
                    .isPresent(), "nor at another address of the provider's");
        }
    }
}
