package dev.newsroom.core.discussion;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an article's page shows of its approved comments: the threads with the newest comments,
 * each with all its replies, oldest first as they are read, and how many there are in all. A reply whose parent is
 * not shown stands as a thread of its own, as the page's script shows it.
 *
 * @param threads the threads shown, oldest first
 * @param count   every approved comment, shown or not
 * @param more    whether older threads are left for the page's script to load
 */
public record Discussion(List<Thread> threads, int count, boolean more) {

    /** How many threads a page carries; the rest load through the API. */
    public static final int THREADS_SHOWN = 30;

    public static final Discussion NONE = new Discussion(List.of(), 0, false);

    /** A comment and its replies, oldest first. */
    public record Thread(ShownComment comment, List<Thread> replies) {
    }

    /** The discussion of these approved comments, in any order. */
    public static Discussion of(Collection<ShownComment> approved) {
        List<ShownComment> ordered = approved.stream().sorted(Comparator.comparing(ShownComment::id)).toList();
        Set<String> ids = ordered.stream().map(ShownComment::id).collect(Collectors.toSet());
        Map<String, List<ShownComment>> replies = new HashMap<>();
        List<ShownComment> roots = new ArrayList<>();
        for (ShownComment comment : ordered) {
            if (comment.parentId().filter(ids::contains).isPresent()) {
                replies.computeIfAbsent(comment.parentId().get(), p -> new ArrayList<>()).add(comment);
            } else {
                roots.add(comment);
            }
        }
        // The threads with the newest comments, a reply to an old thread included, shown oldest first.
        List<Thread> threads = roots.stream().map(root -> thread(root, replies)).toList();
        List<Thread> newest = threads.stream().sorted(Comparator.comparing(Discussion::latest).reversed()).limit(THREADS_SHOWN)
                .sorted(Comparator.comparing((Thread t) -> t.comment().id())).toList();
        return new Discussion(newest, ordered.size(), roots.size() > THREADS_SHOWN);
    }

    /**
     * These approved comments, corrected by changes the index may not show yet: each comment of
     * {@code changed} replaces the one with its id, and is dropped if it is no longer approved.
     */
    public static Discussion of(Collection<ShownComment> indexed, Map<String, java.util.Optional<ShownComment>> changed) {
        Map<String, ShownComment> byId = new LinkedHashMap<>();
        indexed.forEach(c -> byId.put(c.id(), c));
        changed.forEach((id, now) -> now.ifPresentOrElse(c -> byId.put(id, c), () -> byId.remove(id)));
        return of(byId.values());
    }

    /** The id of the thread's newest comment: ids are time-ordered. */
    private static String latest(Thread thread) {
        return thread.replies().stream().map(Discussion::latest).max(Comparator.naturalOrder())
                .filter(reply -> reply.compareTo(thread.comment().id()) > 0).orElse(thread.comment().id());
    }

    private static Thread thread(ShownComment comment, Map<String, List<ShownComment>> replies) {
        return new Thread(comment, replies.getOrDefault(comment.id(), List.of()).stream().map(r -> thread(r, replies)).toList());
    }

    /** The comments shown, threads and replies in reading order. */
    public List<ShownComment> shown() {
        List<ShownComment> all = new ArrayList<>();
        threads.forEach(t -> collect(t, all));
        return all;
    }

    private static void collect(Thread thread, List<ShownComment> all) {
        all.add(thread.comment());
        thread.replies().forEach(r -> collect(r, all));
    }
}
