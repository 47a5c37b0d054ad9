package dev.newsroom.core.index;

import java.util.ArrayList;
import java.util.List;

/**
 * The articles nearest a place in one listing, nearest first on each side: those sorted before it
 * and those sorted after it, by publication time and then path. An article at that place is in
 * neither, so windows are symmetric: B is in A's window exactly when A is in B's.
 */
public record Window(List<Entry> before, List<Entry> after) {

    public Window {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    public List<Entry> all() {
        List<Entry> all = new ArrayList<>(before);
        all.addAll(after);
        return all;
    }
}
