package dev.newsroom.stack;

import dev.newsroom.testkit.CloudFormationTemplate;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium and its driver, with the flags this machine needs, and a profile of its own. */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    static WebDriver start() throws IOException {
        return start(new ChromeOptions());
    }

    /** A browser with JavaScript turned off, as some readers have it. */
    static WebDriver withoutJavaScript() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
        return start(options);
    }

    /**
     * What axe-core (npm, pinned in package.json) finds against its rules on the page the browser
     * shows: one line per violated rule, with the elements that break it; empty when it finds none.
     */
    static List<String> axeViolations(WebDriver browser) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(Files.readString(CloudFormationTemplate.repositoryRoot().resolve("node_modules/axe-core/axe.min.js")));
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document).then(r => done({passed: r.passes.length,
                    violations: r.violations.map(v => v.id + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))}),
                    e => done({passed: 0, violations: ['axe failed: ' + e]}));
                """);
        if (((Number) report.get("passed")).intValue() == 0) {
            throw new IllegalStateException("axe checked nothing on " + browser.getCurrentUrl() + ": " + report);
        }
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) report.get("violations");
        return violations;
    }

    private static WebDriver start(ChromeOptions options) throws IOException {
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
