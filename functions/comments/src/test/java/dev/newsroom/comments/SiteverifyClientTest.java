package dev.newsroom.comments;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.testkit.CloudFormationTemplate;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long a comment waits for the captcha provider: CommentsApiIT shows the 503 when it does not answer. */
class SiteverifyClientTest {

    @Test
    void waitsAFewSecondsNotTheLambdaTimeout_E5() throws IOException {
        Duration lambdaTimeout = Duration.ofSeconds(CloudFormationTemplate.ofRepository().root()
                .path("Globals").path("Function").path("Timeout").asLong());

        assertTrue(SiteverifyClient.TIMEOUT.compareTo(Duration.ofSeconds(5)) <= 0, SiteverifyClient.TIMEOUT::toString);
        // Connecting and then answering may each take the whole timeout: both fit in the function's time.
        assertTrue(SiteverifyClient.TIMEOUT.multipliedBy(2).compareTo(lambdaTimeout) < 0, lambdaTimeout::toString);
    }
}
