package dev.newsroom.redirects;

import dev.newsroom.core.store.RedirectStore;
import dev.newsroom.core.store.StreamRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a batch of the redirects table's stream asks of the edge's store: each old address's last
 * state in the batch, as a key to put with its target path or a key to delete, cut into updates
 * the KeyValueStore API takes at once. Pure.
 */
record EdgeChanges(Map<String, String> puts, List<String> deletes) {

    static EdgeChanges of(List<StreamRecord> batch) {
        Map<String, Optional<String>> last = new LinkedHashMap<>();
        for (StreamRecord record : batch) {
            String from = record.read("a redirect's", r -> r.keys().get(RedirectStore.KEY).s());
            Optional<String> to = Optional.ofNullable(record.newImage().get(RedirectStore.TARGET)).map(AttributeValue::s);
            last.remove(from); // re-inserted, so the order is of each key's last change
            last.put(from, record.eventName().equals("REMOVE") ? Optional.empty() : to);
        }
        Map<String, String> puts = new LinkedHashMap<>();
        List<String> deletes = new ArrayList<>();
        last.forEach((from, to) -> to.ifPresentOrElse(path -> puts.put(from, path), () -> deletes.add(from)));
        return new EdgeChanges(puts, deletes);
    }

    boolean isEmpty() {
        return puts.isEmpty() && deletes.isEmpty();
    }

    int size() {
        return puts.size() + deletes.size();
    }

    /** The changes in parts of at most {@code max} keys, puts first. */
    List<EdgeChanges> parts(int max) {
        List<EdgeChanges> parts = new ArrayList<>();
        Map<String, String> puts = new LinkedHashMap<>();
        List<String> deletes = new ArrayList<>();
        Runnable cut = () -> {
            parts.add(new EdgeChanges(new LinkedHashMap<>(puts), List.copyOf(deletes)));
            puts.clear();
            deletes.clear();
        };
        for (var put : this.puts.entrySet()) {
            puts.put(put.getKey(), put.getValue());
            if (puts.size() == max) {
                cut.run();
            }
        }
        for (String delete : this.deletes) {
            deletes.add(delete);
            if (puts.size() + deletes.size() == max) {
                cut.run();
            }
        }
        if (!puts.isEmpty() || !deletes.isEmpty()) {
            cut.run();
        }
        return parts;
    }
}
