package dev.newsroom.relate;

import dev.newsroom.core.article.RelatedChoices;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.aws.SnapshotPriming;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.RelatedList;
import dev.newsroom.core.pages.ArticlePages;
import dev.newsroom.core.related.Candidate;
import dev.newsroom.core.related.Ranking;
import dev.newsroom.core.related.Scored;
import dev.newsroom.core.store.ArticleStore;
import dev.newsroom.core.store.RelatedListStore;
import dev.newsroom.core.store.SiteBucket;
import dev.newsroom.core.site.SiteLayout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps "More articles" lists current as articles change, reading only what is near the change:
 * <ul>
 *   <li>an article's own list is ranked from the articles nearest in time in each of its listings
 *       (its category, author and tags), never from the whole site;</li>
 *   <li>a published article enters the lists of the articles it scores best with, up to the fan-out
 *       (scores are symmetric, so those are the lists it most likely belongs in), and is updated in
 *       every list that shows it;</li>
 *   <li>when it leaves or falls in a list, that list is ranked afresh, so the next best takes its place.</li>
 * </ul>
 * A list is stored, and its page rendered, only if it changed. Every step is safe to repeat.
 */
final class RelatedLists {

    private static final int SAVE_ATTEMPTS = 5;

    private final RelatedListStore listStore;
    private final ArticleStore articles;
    private final ArticlePages pages;
    private final SiteBucket site;
    private final Ranking ranking;
    private final Neighbours neighbours;
    private final int fanOut;
    private final Parallel parallel;

    RelatedLists(RelatedListStore listStore, ArticleStore articles, ArticlePages pages, SiteBucket site, Neighbours neighbours,
                 int fanOut, Parallel parallel) {
        this.listStore = listStore;
        this.articles = articles;
        this.pages = pages;
        this.site = site;
        this.ranking = neighbours.ranking();
        this.neighbours = neighbours;
        this.fanOut = fanOut;
        this.parallel = parallel;
    }

    /**
     * Brings every list a batch's changes touch up to date, each list stored once and its page
     * written once. The index already holds the whole batch, so each changed article's own list is
     * ranked afresh; then each changed article is placed in the other lists it may enter or leave.
     */
    Relater.Outcome update(List<BatchChange> changes) {
        List<Reached> reached = parallel.map(changes, this::reach);
        Map<String, Reached> changed = new LinkedHashMap<>();
        Map<String, List<Reached>> placedIn = new TreeMap<>();
        List<Optional<RetryFrom>> failures = new ArrayList<>();
        for (Reached r : reached) {
            if (r.failure().isPresent()) {
                failures.add(r.failure());
                continue;
            }
            changed.put(r.slug(), r);
            placedIn.computeIfAbsent(r.slug(), slug -> new ArrayList<>());
            r.lists().stream().filter(other -> !other.equals(r.slug()))
                    .forEach(other -> placedIn.computeIfAbsent(other, slug -> new ArrayList<>()).add(r));
        }
        Map<String, RelatedList> stored;
        try {
            stored = listStore.related(placedIn.keySet());
        } catch (RuntimeException e) {
            failures.add(first(changed.values(), e));
            return new Relater.Outcome(0, 0, 0, RetryFrom.earliest(failures));
        }
        List<Stored> outcomes = parallel.map(placedIn.entrySet(), target -> {
            Reached own = changed.get(target.getKey());
            try {
                return store(target.getKey(), Optional.ofNullable(stored.get(target.getKey())),
                        current -> next(current, own, target.getValue()));
            } catch (RuntimeException e) {
                List<Reached> causes = new ArrayList<>(target.getValue());
                Optional.ofNullable(own).ifPresent(causes::add);
                return new Stored(false, false, first(causes, e));
            }
        });
        outcomes.forEach(o -> failures.add(o.failure()));
        return new Relater.Outcome((int) outcomes.stream().filter(Stored::listChanged).count(),
                (int) outcomes.stream().filter(Stored::pageWritten).count(), 0, RetryFrom.earliest(failures));
    }

    /**
     * A changed article, as far as lists go: its neighbourhood and list ranked afresh if it is
     * published, and the lists it may now enter or must leave: the best of its candidates, up to the
     * fan-out, and every list that shows or pins it.
     */
    private record Reached(BatchChange change, Optional<Entry> after, Neighbourhood near, Optional<RelatedList> own,
                           Set<String> lists, Optional<RetryFrom> failure) {

        String slug() {
            return change.slug();
        }
    }

    private Reached reach(BatchChange batched) {
        ArticleChange change = batched.change();
        try {
            Supplier<Set<String>> listers = parallel.start(() -> listStore.listers(change.slug()));
            Optional<Entry> after = change.after().flatMap(Entry::of);
            Set<String> lists = new TreeSet<>();
            Neighbourhood near = null;
            Optional<RelatedList> own = Optional.empty();
            if (after.isPresent()) {
                Candidate owner = after.get().candidate();
                RelatedChoices choices = change.after().get().article().metadata().related();
                near = neighbours.of(owner, choices.pinned());
                own = Optional.of(new RelatedList(owner, choices.pinned(), choices.excluded(), 0,
                        neighbours.rank(owner, choices.pinned(), choices.excluded(), near)));
                ranking.eligible(owner, near.candidates(), near.frequencies(), Set.of()).stream()
                        .limit(fanOut).map(Scored::slug).forEach(lists::add);
            }
            lists.addAll(listers.get());
            return new Reached(batched, after, near, own, lists, Optional.empty());
        } catch (RuntimeException e) {
            return new Reached(batched, Optional.empty(), null, Optional.empty(), Set.of(), Optional.of(RetryFrom.of(batched.first(), e)));
        }
    }

    /**
     * The next revision of a list, from the one stored: ranked afresh if its owner changed (emptied if
     * it was withdrawn, since a withdrawn article's list pins nothing and nothing may enter it); then
     * with each other changed article placed in it, in the batch's order. Empty: leave it as it is.
     */
    private Optional<RelatedList> next(Optional<RelatedList> current, Reached own, List<Reached> others) {
        Optional<RelatedList> list = current;
        if (own != null) {
            if (own.own().isEmpty()) {
                // Its revision keeps counting for when it returns.
                return current.map(c -> c.next(c.owner(), List.of(), Set.of(), List.of()));
            }
            list = own.own();
        }
        boolean changed = own != null;
        for (Reached other : others) {
            if (list.isEmpty()) {
                break;
            }
            Optional<List<RelatedList.Item>> items = placed(list.get(), other.slug(), other.after(), other.near());
            if (items.isPresent()) {
                RelatedList l = list.get();
                list = Optional.of(new RelatedList(l.owner(), l.pinned(), l.excluded(), l.revision(), items.get()));
                changed = true;
            }
        }
        if (!changed) {
            return Optional.empty();
        }
        RelatedList wanted = list.get();
        return Optional.of(current.map(c -> c.next(wanted.owner(), wanted.pinned(), wanted.excluded(), wanted.items()))
                .orElseGet(() -> new RelatedList(wanted.owner(), wanted.pinned(), wanted.excluded(), 1, wanted.items())));
    }

    /** The earliest record among these changes, as where to retry from after {@code failure}. */
    private static Optional<RetryFrom> first(Collection<Reached> changes, RuntimeException failure) {
        return changes.stream().mapToInt(r -> r.change().first()).min().stream().mapToObj(record -> RetryFrom.of(record, failure)).findFirst();
    }

    /** The items of another article's list with the changed article placed in it (or removed); empty if it has no place there. */
    private Optional<List<RelatedList.Item>> placed(RelatedList list, String slug, Optional<Entry> after, Neighbourhood near) {
        Optional<Scored> scored = after.filter(e -> !list.excluded().contains(slug))
                .flatMap(e -> list.pinned().contains(slug)
                        ? Optional.of(ranking.scoreIfRelated(list.owner(), e.candidate(), near.frequencies())
                                .orElseGet(() -> pinnedScore(e)))
                        : ranking.scoreIfRelated(list.owner(), e.candidate(), near.frequencies()));
        Optional<Scored> was = list.entry(slug);
        if (was.isEmpty() && scored.isEmpty()) {
            return Optional.empty();
        }
        boolean fell = was.isPresent() && (scored.isEmpty() || scored.get().score() < was.get().score());
        if (fell) {
            return Optional.of(neighbours.rank(list.owner(), list.pinned(), list.excluded(), neighbours.of(list.owner(), list.pinned())));
        }
        Map<String, RelatedList.Item> known = new HashMap<>();
        list.items().forEach(i -> known.put(i.scored().slug(), i));
        return Optional.of(ranking.merge(list.scored(), slug, scored, list.pinned()).stream()
                .map(s -> s.slug().equals(slug) ? new RelatedList.Item(s, after.get().shown()) : known.get(s.slug()))
                .toList());
    }

    /** A pinned article the owner shares nothing with still has its place, with no score. */
    private static Scored pinnedScore(Entry pinned) {
        return new Scored(pinned.slug(), pinned.published(), 0, true, List.of(), 0, 0, 0, 0);
    }

    /**
     * Stores a list if it differs from the stored one, re-links who lists whom, and brings the
     * owner's page up to date. Returns whether the list changed.
     */
    boolean store(String slug, Candidate owner, List<String> pinned, Set<String> excluded, List<RelatedList.Item> items) {
        return store(slug, listStore.related(slug), next(owner, pinned, excluded, items)).listChanged();
    }

    /** What storing a list did: whether the list changed and its owner's page was written, or the record to retry from. */
    private record Stored(boolean listChanged, boolean pageWritten, Optional<RetryFrom> failure) {
    }

    /** The list with these items and choices after the stored one, or the first. */
    private static Function<Optional<RelatedList>, Optional<RelatedList>> next(Candidate owner, List<String> pinned,
                                                                             Set<String> excluded, List<RelatedList.Item> items) {
        return current -> Optional.of(current.map(c -> c.next(owner, pinned, excluded, items))
                .orElseGet(() -> new RelatedList(owner, pinned, excluded, 1, items)));
    }

    /**
     * As above, with the next list worked out from the stored one on every attempt, so that a list
     * two batches update at once keeps both (empty: leave it as it is). {@code read} is the list as
     * just read; a retry reads it again.
     */
    private Stored store(String slug, Optional<RelatedList> read, Function<Optional<RelatedList>, Optional<RelatedList>> nextOf) {
        for (int attempt = 1; attempt <= SAVE_ATTEMPTS; attempt++) {
            Optional<RelatedList> current = attempt == 1 ? read : listStore.related(slug);
            Optional<RelatedList> wanted = nextOf.apply(current);
            if (wanted.isEmpty()) {
                return new Stored(false, false, Optional.empty());
            }
            RelatedList next = wanted.get();
            if (current.isPresent() && same(current.get(), next)) {
                // A retry after a crash between the save and what follows finishes the job.
                return new Stored(false, relinkAndShow(current.get(), links(current.get()), Set.of()), Optional.empty());
            }
            if (listStore.save(next)) {
                Set<String> before = current.map(RelatedLists::links).orElse(Set.of());
                Set<String> now = links(next);
                return new Stored(true, relinkAndShow(next, difference(now, before), difference(before, now)), Optional.empty());
            }
        }
        throw new IllegalStateException("the related list of " + slug + " kept changing under us");
    }

    /** Records whom a stored list now shows, and shows it on its owner's page, the two at once; whether the page was written. */
    private boolean relinkAndShow(RelatedList list, Set<String> added, Set<String> removed) {
        Supplier<Boolean> shown = parallel.start(() -> showOnPage(list));
        listStore.relink(list.slug(), added, removed);
        return shown.get();
    }

    /**
     * Renders the owner's page if it shows an older list than this one (after a crash between the two, say).
     * The article is read with the page's version: it is needed unless the page is current, which is rare.
     */
    private boolean showOnPage(RelatedList list) {
        Supplier<Optional<StoredArticle>> article = parallel.start(() -> articles.find(list.slug()));
        Optional<SiteBucket.Page> page = site.page(SiteLayout.articleKey(list.slug()));
        Optional<StoredArticle> stored = article.get();
        if (page.isPresent() && page.get().version().minor() >= list.revision()) {
            return false;
        }
        return stored.map(s -> pages.write(s, Optional.of(list), page) == SiteBucket.Outcome.WRITTEN).orElse(false);
    }

    /** Warms a list's path, writing nothing (SnapStart): reads a list, its article and its article's page. */
    void prime() {
        listStore.related(SnapshotPriming.SLUG);
        articles.find(SnapshotPriming.SLUG);
        site.page(SiteLayout.articleKey(SnapshotPriming.SLUG));
    }

    private static boolean same(RelatedList a, RelatedList b) {
        return a.items().equals(b.items()) && a.owner().equals(b.owner()) && a.pinned().equals(b.pinned())
                && a.excluded().equals(b.excluded());
    }

    /** Whom a list depends on: what it shows, and what it pins even if not yet published. */
    private static Set<String> links(RelatedList list) {
        Set<String> links = new LinkedHashSet<>(list.pinned());
        list.items().forEach(i -> links.add(i.scored().slug()));
        return links;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }
}
