package dev.newsroom.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.newsroom.testkit.CloudFormationTemplate;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What the local stack takes from {@code template.yaml} for each function, without starting it. */
class LocalNewsroomTest {

    private final CloudFormationTemplate template = CloudFormationTemplate.ofRepository();

    LocalNewsroomTest() throws IOException {
    }

    @Test
    void eachFunctionHasItsOwnTimeoutElseTheGlobalOne() {
        int global = template.root().path("Globals").path("Function").path("Timeout").asInt();
        int relate = template.resource("RelateFunction").path("Properties").path("Timeout").asInt();
        assertNotEquals(global, relate, "the relate function sets its own");
        assertEquals(relate, LocalNewsroom.timeoutSeconds(template, "RelateFunction"));
        assertEquals(global, LocalNewsroom.timeoutSeconds(template, "PublishFunction"));
        assertEquals(global, LocalNewsroom.timeoutSeconds(template, "CommentsFunction"));
    }
}
