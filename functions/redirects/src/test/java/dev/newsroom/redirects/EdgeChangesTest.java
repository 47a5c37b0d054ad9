package dev.newsroom.redirects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsroom.core.store.StreamRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EdgeChangesTest {

    private static int sequence;

    private static StreamRecord set(String from, String to) {
        return new StreamRecord("MODIFY", String.valueOf(++sequence), Map.of("from", AttributeValue.fromS(from)), Map.of(),
                Map.of("from", AttributeValue.fromS(from), "to", AttributeValue.fromS(to)), java.util.Optional.empty());
    }

    private static StreamRecord removed(String from) {
        return new StreamRecord("REMOVE", String.valueOf(++sequence), Map.of("from", AttributeValue.fromS(from)),
                Map.of("from", AttributeValue.fromS(from), "to", AttributeValue.fromS("/x")), Map.of(), java.util.Optional.empty());
    }

    @Test
    void eachAddressEndsInItsLastStateOfTheBatch() {
        EdgeChanges changes = EdgeChanges.of(List.of(set("/a", "/one"), set("/b", "/two"), removed("/a"), set("/c", "/three"),
                set("/b", "/four"), removed("/d")));

        assertEquals(Map.of("/c", "/three", "/b", "/four"), changes.puts());
        assertEquals(List.of("/a", "/d"), changes.deletes());
    }

    @Test
    void partsAreAtMostTheApisKeysPerUpdateAndLoseNothing() {
        Map<String, String> puts = new LinkedHashMap<>();
        for (int i = 0; i < 120; i++) {
            puts.put("/old/" + i, "/new/" + i);
        }
        List<String> deletes = List.of("/gone/1", "/gone/2", "/gone/3");
        List<EdgeChanges> parts = new EdgeChanges(puts, deletes).parts(50);

        assertEquals(List.of(50, 50, 23), parts.stream().map(EdgeChanges::size).toList());
        Map<String, String> allPuts = new HashMap<>();
        parts.forEach(part -> allPuts.putAll(part.puts()));
        assertEquals(puts, allPuts);
        assertEquals(deletes, parts.get(2).deletes());
    }
}
