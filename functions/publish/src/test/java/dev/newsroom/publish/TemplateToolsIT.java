package dev.newsroom.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.testkit.CloudFormationTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code template.yaml} checked by cfn-lint; its viewer-request function runs in {@code ViewerRequestFunctionIT} (local-stack). */
class TemplateToolsIT {

    private final CloudFormationTemplate template = CloudFormationTemplate.ofRepository();

    TemplateToolsIT() throws IOException {
    }

    @Test
    void passesCfnLint() throws Exception {
        Path root = CloudFormationTemplate.repositoryRoot();
        Process lint = new ProcessBuilder("node", "tools/cfn-lint.js", "template.yaml").directory(root.toFile())
                .redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, lint.exitValue(), output);
    }
}
