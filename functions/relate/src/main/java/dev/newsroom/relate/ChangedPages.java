package dev.newsroom.relate;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The site bucket's keys written or removed while a batch that takes an article down is applied,
 * so that exactly those pages are invalidated at the edge. A key goes to every recording open at
 * the time: a batch applied alongside may add its own pages to another's, never take any away.
 */
final class ChangedPages {

    private final List<Set<String>> open = new CopyOnWriteArrayList<>();

    /** Called by the site bucket for each page it writes or removes. */
    void changed(String key) {
        open.forEach(recording -> recording.add(key));
    }

    /** Starts recording; {@link Recording#stop()} gives the keys. */
    Recording start() {
        Set<String> keys = ConcurrentHashMap.newKeySet();
        open.add(keys);
        return new Recording(keys);
    }

    final class Recording {
        private final Set<String> keys;

        private Recording(Set<String> keys) {
            this.keys = keys;
        }

        /** The keys changed since the recording started. */
        Set<String> stop() {
            open.removeIf(recording -> recording == keys);
            return Set.copyOf(keys);
        }
    }
}
