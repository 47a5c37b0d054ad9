package dev.newsroom.core.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.testkit.CloudFormationTemplate;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page's colour pairs meet WCAG AA for normal text (4.5:1), read from the pages' style sheet itself. */
class ContrastTest {

    @Test
    void textColoursAreReadableOnTheirBackgrounds() throws Exception {
        String layout = Files.readString(CloudFormationTemplate.repositoryRoot()
                .resolve("functions/core/src/main/resources/dev/newsroom/core/render/page.css"));
        Map<String, String> colours = new HashMap<>();
        Matcher m = Pattern.compile("--([a-z]+):(#[0-9a-fA-F]{6})").matcher(layout);
        while (m.find()) {
            colours.put(m.group(1), m.group(2));
        }
        String[][] pairs = {{"ink", "paper"}, {"muted", "paper"}, {"accent", "paper"}, {"ink", "tint"},
                {"muted", "tint"}, {"accent", "tint"}};
        for (String[] pair : pairs) {
            double ratio = ratio(colours.get(pair[0]), colours.get(pair[1]));
            assertTrue(ratio >= 4.5, pair[0] + " on " + pair[1] + " is " + ratio + ":1");
        }
        assertTrue(layout.contains("background:var(--accent);color:#fff"), "button text is white on the accent");
        assertTrue(ratio("#ffffff", colours.get("accent")) >= 4.5);
    }

    private static double ratio(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] rgb = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            rgb[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }
}
