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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /** Brings every list the change touches up to date; returns how many lists changed. */
    int update(ArticleChange change) {
        String slug = change.slug();
        Optional<Entry> after = change.after().flatMap(Entry::of);
        Supplier<Set<String>> listers = parallel.start(() -> listStore.listers(slug));
        Neighbourhood near = null;
        Set<String> affected = new TreeSet<>();
        Function<Optional<RelatedList>, Optional<RelatedList>> ownNext;
        if (after.isPresent()) {
            Candidate owner = after.get().candidate();
            RelatedChoices choices = change.after().get().article().metadata().related();
            near = neighbours.of(owner, choices.pinned());
            List<RelatedList.Item> items = neighbours.rank(owner, choices.pinned(), choices.excluded(), near);
            ownNext = next(owner, choices.pinned(), choices.excluded(), items);
            ranking.eligible(owner, near.candidates(), near.frequencies(), Set.of()).stream()
                    .limit(fanOut).map(Scored::slug).forEach(affected::add);
        } else {
            // A withdrawn article's list empties and pins nothing, so no change can put anything in it; its
            // revision keeps counting for when it returns.
            ownNext = current -> current.map(c -> c.next(c.owner(), List.of(), Set.of(), List.of()));
        }
        affected.addAll(listers.get());
        affected.remove(slug);
        Set<String> read = new TreeSet<>(affected);
        read.add(slug);
        Map<String, RelatedList> lists = listStore.related(read);
        List<Supplier<Boolean>> stores = new ArrayList<>();
        stores.add(() -> store(slug, Optional.ofNullable(lists.get(slug)), ownNext));
        Neighbourhood changedNear = near;
        affected.stream().filter(lists::containsKey).forEach(other -> stores.add(() -> store(other, Optional.of(lists.get(other)),
                current -> current.flatMap(list -> placed(list, slug, after, changedNear)))));
        // Each list is stored, and its page written, on its own, so the lists are updated at once.
        return (int) parallel.map(stores, Supplier::get).stream().filter(stored -> stored).count();
    }

    /** Another article's list with the changed article placed in it (or removed); empty if it has no place there. */
    private Optional<RelatedList> placed(RelatedList list, String slug, Optional<Entry> after, Neighbourhood near) {
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
        List<RelatedList.Item> items;
        if (fell) {
            items = neighbours.rank(list.owner(), list.pinned(), list.excluded(), neighbours.of(list.owner(), list.pinned()));
        } else {
            Map<String, RelatedList.Item> known = new HashMap<>();
            list.items().forEach(i -> known.put(i.scored().slug(), i));
            items = ranking.merge(list.scored(), slug, scored, list.pinned()).stream()
                    .map(s -> s.slug().equals(slug) ? new RelatedList.Item(s, after.get().shown()) : known.get(s.slug()))
                    .toList();
        }
        return Optional.of(list.next(list.owner(), list.pinned(), list.excluded(), items));
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
        return store(slug, listStore.related(slug), next(owner, pinned, excluded, items));
    }

    /** The list with these items and choices after the stored one, or the first. */
    private static Function<Optional<RelatedList>, Optional<RelatedList>> next(Candidate owner, List<String> pinned,
                                                                             Set<String> excluded, List<RelatedList.Item> items) {
        return current -> Optional.of(current.map(c -> c.next(owner, pinned, excluded, items))
                .orElseGet(() -> new RelatedList(owner, pinned, excluded, 1, items)));
    }

    /**
     * As above, with the next list worked out from the stored one on every attempt, so that a list
     * two changes update at once keeps both (empty: leave it as it is). {@code read} is the list as
     * just read; a retry reads it again.
     */
    private boolean store(String slug, Optional<RelatedList> read, Function<Optional<RelatedList>, Optional<RelatedList>> nextOf) {
        for (int attempt = 1; attempt <= SAVE_ATTEMPTS; attempt++) {
            Optional<RelatedList> current = attempt == 1 ? read : listStore.related(slug);
            Optional<RelatedList> wanted = nextOf.apply(current);
            if (wanted.isEmpty()) {
                return false;
            }
            RelatedList next = wanted.get();
            if (current.isPresent() && same(current.get(), next)) {
                // A retry after a crash between the save and what follows finishes the job.
                relinkAndShow(current.get(), links(current.get()), Set.of());
                return false;
            }
            if (listStore.save(next)) {
                Set<String> before = current.map(RelatedLists::links).orElse(Set.of());
                Set<String> now = links(next);
                relinkAndShow(next, difference(now, before), difference(before, now));
                return true;
            }
        }
        throw new IllegalStateException("the related list of " + slug + " kept changing under us; retrying the record");
    }

    /** Records whom a stored list now shows, and shows it on its owner's page: the two at once. */
    private void relinkAndShow(RelatedList list, Set<String> added, Set<String> removed) {
        parallel.each(List.<Runnable>of(() -> listStore.relink(list.slug(), added, removed), () -> showOnPage(list)), Runnable::run);
    }

    /**
     * Renders the owner's page if it shows an older list than this one (after a crash between the two, say).
     * The article is read with the page's version: it is needed unless the page is current, which is rare.
     */
    private void showOnPage(RelatedList list) {
        Supplier<Optional<StoredArticle>> article = parallel.start(() -> articles.find(list.slug()));
        Optional<SiteBucket.Page> page = site.page(SiteLayout.articleKey(list.slug()));
        Optional<StoredArticle> stored = article.get();
        if (page.isPresent() && page.get().version().minor() >= list.revision()) {
            return;
        }
        stored.ifPresent(s -> pages.write(s, Optional.of(list), page));
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
