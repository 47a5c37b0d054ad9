package dev.newsroom.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.testkit.CloudFormationTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code template.yaml} checked by what runs it: cfn-lint, and CloudFront's URL rewrite in Node.js. */
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

    @Test
    void cloudFrontResolvesUrlsLikeSiteLayout() throws Exception {
        String code = template.resource("SiteUrlRewrite").path("Properties").path("FunctionCode").asText();
        List<String> uris = List.of("/", "/articles/harbour-bridge", "/category/city/", "/assets/2026/bridge.jpg",
                "/sitemap.xml", "/tag/a.b/c", "/404.html");
        String script = code + "\nfor (const uri of " + toJsArray(uris) + ") {"
                + " console.log(handler({request: {uri: uri}}).uri); }";
        Process node = new ProcessBuilder("node", "-e", script).redirectErrorStream(true).start();
        List<String> resolved = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(node.waitFor(60, TimeUnit.SECONDS));
        List<String> expected = uris.stream().map(uri -> "/" + SiteLayout.objectKey(uri)).toList();
        assertEquals(expected, resolved);
    }

    private static String toJsArray(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").reduce((a, b) -> a + "," + b).map(s -> "[" + s + "]").orElse("[]");
    }
}
