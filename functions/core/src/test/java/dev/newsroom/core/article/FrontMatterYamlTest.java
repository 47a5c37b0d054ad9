package dev.newsroom.core.article;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontMatterYamlTest {

    @Test
    void readsTheCoreSchemasNullsAndBooleans() throws Exception {
        Map<String, Object> fields = FrontMatterYaml.read("""
                a: null
                b: Null
                c: NULL
                d: ~
                e:
                f: true
                g: True
                h: TRUE
                i: false
                j: False
                k: FALSE
                list: [true, ~, x]""");
        Map<String, Object> expected = new LinkedHashMap<>();
        for (String key : List.of("a", "b", "c", "d", "e")) {
            expected.put(key, null);
        }
        for (String key : List.of("f", "g", "h")) {
            expected.put(key, true);
        }
        for (String key : List.of("i", "j", "k")) {
            expected.put(key, false);
        }
        expected.put("list", java.util.Arrays.asList(true, null, "x"));
        assertEquals(expected, fields);
    }

    @Test
    void keepsEverythingElseAsText() throws Exception {
        // YAML 1.1's yes, no, on and off are words in 1.2; numbers and dates are the mapper's to read.
        assertEquals(Map.of("a", "yes", "b", "no", "c", "on", "d", "off", "e", "12", "f", "1.5", "g", "2024-01-01",
                        "h", "tRUE", "i", "nil", "j", "0x1F"),
                FrontMatterYaml.read("a: yes\nb: no\nc: on\nd: off\ne: 12\nf: 1.5\ng: 2024-01-01\nh: tRUE\ni: nil\nj: 0x1F"));
    }

    @Test
    void keepsQuotedScalarsAsWritten() throws Exception {
        assertEquals(Map.of("a", "true", "b", "null", "c", "", "d", "~"),
                FrontMatterYaml.read("a: 'true'\nb: \"null\"\nc: ''\nd: \"~\""));
    }
}
