package dev.newsroom.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SiteYamlTest {

    @Test
    void writesEveryMappingInKeyOrderSoAnImportRunTwiceWritesTheSameFile() {
        // Map.of iterates in an order that changes between runs: ten keys come out sorted only if the writer sorts them.
        Map<String, Object> params = Map.of("j", 10, "c", 3, "f", 6, "a", 1, "h", 8, "d", 4, "b", 2, "i", 9, "e", 5, "g", 7);
        String yaml = new String(SiteYaml.write("import test", Map.of("params", params,
                "languages", List.of(Map.of("name", "English", "code", "en"))), new ArrayList<>()).orElseThrow(), StandardCharsets.UTF_8);
        List<String> keys = yaml.lines().filter(line -> line.matches("  [a-j]: \\d+")).map(line -> line.substring(2, 3)).toList();
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), keys, yaml);
        assertEquals(true, yaml.indexOf("languages:") < yaml.indexOf("params:") && yaml.contains("- code: en\n  name: English\n"), yaml);
    }
}
