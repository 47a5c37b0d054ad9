package dev.newsroom.relate;

import dev.newsroom.core.article.RelatedChoices;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.aws.SnapshotPriming;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.index.ListingState;
import dev.newsroom.core.index.Postings;
import dev.newsroom.core.index.RelatedList;
import dev.newsroom.core.index.Window;
import dev.newsroom.core.pages.ArticlePages;
import dev.newsroom.core.related.Candidate;
import dev.newsroom.core.related.Ranking;
import dev.newsroom.core.related.Scored;
import dev.newsroom.core.related.TagFrequencies;
import dev.newsroom.core.store.ArticleStore;
import dev.newsroom.core.store.DynamoBatches;
import dev.newsroom.core.store.ListingStore;
import dev.newsroom.core.store.RelatedListStore;
import dev.newsroom.core.store.SiteBucket;
import dev.newsroom.core.site.SiteLayout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
import java.util.stream.IntStream;

/**
 * Keeps "More articles" lists current as articles change, so that they are always what ranking the
 * whole site afresh would give, whatever order the changes arrived in, while reading only what is
 * near the change:
 * <ul>
 *   <li>a changed article's own list is ranked afresh from its windows: the articles nearest in time,
 *       in each of its listings (its category, its author and each tag);</li>
 *   <li>windows are symmetric, so the lists it is a candidate for are those of the articles in its
 *       windows, and every list whose window it entered or left is found there
 *       ({@link WindowChanges}); each is updated in place where that is exact, and ranked afresh
 *       where it is not;</li>
 *   <li>a tag's rarity comes in bands of its count, so only a band change changes other lists'
 *       scores: then the lists of every article carrying the tag are ranked afresh.</li>
 * </ul>
 * A list is stored, and its page rendered, only if it changed. Every step is safe to repeat.
 */
final class RelatedLists {

    private static final int SAVE_ATTEMPTS = 5;

    private final RelatedListStore listStore;
    private final ListingStore listingStore;
    private final Postings index;
    private final ArticleStore articles;
    private final ArticlePages pages;
    private final SiteBucket site;
    private final Ranking ranking;
    private final Neighbours neighbours;
    private final Parallel parallel;

    /**
     * @param listingStore where a tag's band is recorded
     * @param index        what lists are ranked from: the index, or a batch's view of it
     */
    RelatedLists(RelatedListStore listStore, ListingStore listingStore, Postings index, ArticleStore articles, ArticlePages pages,
                 SiteBucket site, Neighbours neighbours, Parallel parallel) {
        this.listStore = listStore;
        this.listingStore = listingStore;
        this.index = index;
        this.articles = articles;
        this.pages = pages;
        this.site = site;
        this.ranking = neighbours.ranking();
        this.neighbours = neighbours;
        this.parallel = parallel;
    }

    /** The same, ranking from these postings: a batch's view of the index. */
    RelatedLists over(Postings postings) {
        return new RelatedLists(listStore, listingStore, postings, articles, pages, site, neighbours.over(postings), parallel);
    }

    /**
     * Brings every list a batch's changes reach up to date, each list stored once and its page
     * written once. The index already holds the whole batch.
     */
    Relater.Outcome update(List<BatchChange> changes) {
        List<Reached> reached = parallel.map(changes, this::reach);
        Map<String, Reached> changed = new LinkedHashMap<>();
        List<Optional<RetryFrom>> failures = new ArrayList<>();
        for (Reached r : reached) {
            r.failure().ifPresentOrElse(f -> failures.add(r.failure()), () -> changed.put(r.path(), r));
        }
        Map<String, Integer> tagCauses = new TreeMap<>();
        changed.values().forEach(r -> r.tags().forEach(tag -> tagCauses.merge(tag, r.change().first(), Math::min)));
        Map<String, WindowChanges.Reach> targets = new HashMap<>(WindowChanges.of(
                changed.values().stream().flatMap(r -> r.moves().stream()).toList(),
                changed.values().stream().flatMap(r -> r.placed().stream()).toList(), neighbours.window()));
        changed.values().forEach(r -> r.listers().forEach(lister -> reachedBy(targets, lister, r.change().first(), false)));
        List<ListingState> touchedTags;
        TagFrequencies frequencies;
        try {
            // One read for the batch's tags and those of articles that entered a window: bands and scores both come from it.
            Set<String> counted = new TreeSet<>(tagCauses.keySet());
            targets.values().forEach(t -> t.entered().values().forEach(e -> counted.addAll(e.candidate().tags())));
            Map<ListingKey, ListingState> states = index.states(counted.stream().map(ListingKey::tag).toList());
            frequencies = Postings.frequencies(states);
            touchedTags = tagCauses.keySet().stream().map(tag -> states.get(ListingKey.tag(tag))).toList();
            for (ListingState tag : touchedTags.stream().filter(ListingState::bandChanged).toList()) {
                int cause = tagCauses.get(tag.key().slug());
                index.newest(tag.key(), Integer.MAX_VALUE).forEach(member -> reachedBy(targets, member.path(), cause, true));
            }
        } catch (RuntimeException e) {
            failures.add(first(changed.values(), e));
            return new Relater.Outcome(0, 0, 0, RetryFrom.earliest(failures));
        }
        changed.keySet().forEach(path -> targets.remove(path));
        Set<String> all = new TreeSet<>(targets.keySet());
        all.addAll(changed.keySet());
        Map<String, RelatedList> stored;
        try {
            stored = listStore.related(all);
        } catch (RuntimeException e) {
            failures.add(first(changed.values(), e));
            return new Relater.Outcome(0, 0, 0, RetryFrom.earliest(failures));
        }
        List<Stored> outcomes = storeAll(all.stream().map(path -> {
            Reached own = changed.get(path);
            WindowChanges.Reach reach = targets.get(path);
            return new Wanted(path, Optional.ofNullable(stored.get(path)), own != null ? own.change().first() : reach.cause(),
                    current -> own != null ? own(current, own) : next(current, reach, changed, frequencies));
        }).toList());
        outcomes.forEach(o -> failures.add(o.failure()));
        Optional<RetryFrom> retry = RetryFrom.earliest(failures);
        if (retry.isEmpty()) {
            touchedTags.stream().filter(ListingState::bandToRecord)
                    .forEach(t -> listingStore.rankedWith(t.key(), TagFrequencies.band(t.count()), t.revision()));
        }
        return new Relater.Outcome((int) outcomes.stream().filter(Stored::listChanged).count(),
                (int) outcomes.stream().filter(Stored::pageWritten).count(), 0, retry);
    }

    private static void reachedBy(Map<String, WindowChanges.Reach> targets, String path, int cause, boolean afresh) {
        targets.merge(path, new WindowChanges.Reach(afresh, cause, Map.of(), Set.of(), Set.of()), WindowChanges.Reach::merge);
    }

    /**
     * A changed article, as far as lists go: its list ranked afresh if it is published, where it
     * arrived in or left each listing with the window there, its window in each listing it is in,
     * and the lists that show or pin it.
     */
    private record Reached(BatchChange change, Optional<Entry> before, Optional<Entry> after, Optional<RelatedList> own,
                           List<WindowChanges.Move> moves, List<WindowChanges.Placed> placed, Set<String> listers,
                           Optional<RetryFrom> failure) {

        String path() {
            return change.path();
        }

        /** Its tags before and after: their counts may have changed. */
        Set<String> tags() {
            Set<String> tags = new TreeSet<>();
            before.ifPresent(e -> tags.addAll(e.candidate().tags()));
            after.ifPresent(e -> tags.addAll(e.candidate().tags()));
            return tags;
        }
    }

    private Reached reach(BatchChange batched) {
        ArticleChange change = batched.change();
        int cause = batched.first();
        try {
            Supplier<Set<String>> listers = parallel.start(() -> listStore.listers(change.path()));
            Optional<Entry> before = change.before().flatMap(Entry::of);
            Optional<Entry> after = change.after().flatMap(Entry::of);
            Set<ListingKey> was = before.map(e -> Set.copyOf(Neighbours.listings(e.candidate()))).orElse(Set.of());
            Set<ListingKey> is = after.map(e -> Set.copyOf(Neighbours.listings(e.candidate()))).orElse(Set.of());
            boolean moved = before.isPresent() && after.isPresent() && !before.get().published().equals(after.get().published());
            List<ListingKey> left = was.stream().filter(key -> moved || !is.contains(key)).sorted(LISTINGS).toList();
            Supplier<List<Window>> leftWindows = parallel.start(() -> parallel.map(left,
                    key -> neighbours.around(key, before.get().published(), before.get().path())));
            List<WindowChanges.Move> moves = new ArrayList<>();
            List<WindowChanges.Placed> placed = new ArrayList<>();
            Optional<RelatedList> own = Optional.empty();
            if (after.isPresent()) {
                Candidate owner = after.get().candidate();
                RelatedChoices choices = change.after().get().article().metadata().related();
                Supplier<TagFrequencies> frequencies = parallel.start(() -> index.frequencies(owner.tags()));
                Map<ListingKey, Window> windows = neighbours.windows(owner);
                Neighbourhood near = neighbours.of(owner, choices.pinned(), windows, frequencies.get());
                own = Optional.of(new RelatedList(owner, choices.pinned(), choices.excluded(), 0,
                        neighbours.rank(owner, choices.pinned(), choices.excluded(), near)));
                windows.forEach((key, window) -> {
                    placed.add(new WindowChanges.Placed(change.path(), window, cause));
                    if (moved || !was.contains(key)) {
                        moves.add(new WindowChanges.Move(key, true, window, cause));
                    }
                });
            }
            List<Window> leftAround = leftWindows.get();
            for (int i = 0; i < left.size(); i++) {
                moves.add(new WindowChanges.Move(left.get(i), false, leftAround.get(i), cause));
            }
            return new Reached(batched, before, after, own, moves, placed, listers.get(), Optional.empty());
        } catch (RuntimeException e) {
            return new Reached(batched, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), Set.of(),
                    Optional.of(RetryFrom.of(cause, e)));
        }
    }

    private static final Comparator<ListingKey> LISTINGS = Comparator.comparing(ListingKey::id);

    /** A changed article's next list: ranked afresh, or emptied if it was withdrawn (its revision keeps counting for when it returns). */
    private static Optional<RelatedList> own(Optional<RelatedList> current, Reached own) {
        if (own.own().isEmpty()) {
            return current.map(c -> c.next(c.owner(), List.of(), Set.of(), List.of()));
        }
        RelatedList wanted = own.own().get();
        return Optional.of(current.map(c -> c.next(wanted.owner(), wanted.pinned(), wanted.excluded(), wanted.items()))
                .orElseGet(() -> new RelatedList(wanted.owner(), wanted.pinned(), wanted.excluded(), 1, wanted.items())));
    }

    /**
     * The next revision of another article's list, from the one stored. It is ranked afresh if its
     * windows changed in ways that cannot be followed one article at a time, or if an article it shows
     * left its candidates or fell; otherwise each changed or newly entered candidate takes its place by
     * score. Empty: leave it as it is, because nothing of the batch is in it (a list that shows an
     * article of the batch is returned even if unchanged, so a replay finishes its page).
     */
    private Optional<RelatedList> next(Optional<RelatedList> current, WindowChanges.Reach reach, Map<String, Reached> changed,
                                       TagFrequencies frequencies) {
        if (current.isEmpty()) {
            return Optional.empty();
        }
        RelatedList list = current.get();
        boolean afresh = reach.afresh() || reach.pushedOut().stream().anyMatch(path -> list.entry(path).isPresent());
        Map<String, Entry> placed = new TreeMap<>(reach.entered());
        Set<String> mayMatter = new TreeSet<>(reach.changed());
        mayMatter.addAll(list.pinned());
        list.items().forEach(i -> mayMatter.add(i.scored().path()));
        for (Reached other : mayMatter.stream().map(changed::get).filter(java.util.Objects::nonNull).toList()) {
            boolean candidate = other.after().isPresent()
                    && (reach.changed().contains(other.path()) || list.pinned().contains(other.path()));
            Optional<Scored> scored = candidate ? scoreIn(list, other.after().get(), frequencies) : Optional.empty();
            Optional<Scored> was = list.entry(other.path());
            afresh |= was.isPresent() && (scored.isEmpty() || scored.get().score() < was.get().score());
            placed.remove(other.path());
            if (scored.isPresent()) {
                placed.put(other.path(), other.after().get());
            }
        }
        List<RelatedList.Item> items;
        if (afresh) {
            items = neighbours.rank(list.owner(), list.pinned(), list.excluded(), neighbours.of(list.owner(), list.pinned()));
        } else {
            items = list.items();
            for (Entry entry : placed.values()) {
                items = merged(list, items, entry, frequencies);
            }
            boolean showsTheBatch = items.stream().anyMatch(i -> placed.containsKey(i.scored().path()));
            if (items.equals(list.items()) && !showsTheBatch) {
                return Optional.empty();
            }
        }
        return Optional.of(list.next(list.owner(), list.pinned(), list.excluded(), items));
    }

    /** The earliest record among these changes, as where to retry from after {@code failure}. */
    private static Optional<RetryFrom> first(Collection<Reached> changes, RuntimeException failure) {
        return changes.stream().mapToInt(r -> r.change().first()).min().stream().mapToObj(record -> RetryFrom.of(record, failure)).findFirst();
    }

    /** A candidate's entry in a list: by its score, or among the pins if pinned; none if excluded or unrelated. */
    private Optional<Scored> scoreIn(RelatedList list, Entry entry, TagFrequencies frequencies) {
        if (list.excluded().contains(entry.path())) {
            return Optional.empty();
        }
        Optional<Scored> scored = ranking.scoreIfRelated(list.owner(), entry.candidate(), frequencies);
        return list.pinned().contains(entry.path()) ? Optional.of(scored.orElseGet(() -> pinnedScore(entry))) : scored;
    }

    /** The items with a candidate placed by its score (or taken out, if it no longer relates). */
    private List<RelatedList.Item> merged(RelatedList list, List<RelatedList.Item> items, Entry entry, TagFrequencies frequencies) {
        Map<String, RelatedList.Item> known = new HashMap<>();
        items.forEach(i -> known.put(i.scored().path(), i));
        List<Scored> scored = items.stream().map(RelatedList.Item::scored).toList();
        return ranking.merge(scored, entry.path(), scoreIn(list, entry, frequencies), list.pinned()).stream()
                .map(s -> s.path().equals(entry.path()) ? new RelatedList.Item(s, entry.shown()) : known.get(s.path()))
                .toList();
    }

    /** A pinned article the owner shares nothing with still has its place, with no score. */
    private static Scored pinnedScore(Entry pinned) {
        return new Scored(pinned.path(), pinned.published(), 0, true, List.of(), 0, 0, 0, 0);
    }

    /**
     * Stores a list if it differs from the stored one, re-links who lists whom, and brings the
     * owner's page up to date. Returns whether the list changed.
     */
    boolean store(String path, Candidate owner, List<String> pinned, Set<String> excluded, List<RelatedList.Item> items) {
        Stored stored = storeAll(List.of(new Wanted(path, listStore.related(path), 0, next(owner, pinned, excluded, items)))).get(0);
        stored.failure().ifPresent(f -> {
            throw new IllegalStateException("the related list of " + path + " was not stored: " + f.reason());
        });
        return stored.listChanged();
    }

    /**
     * A list to bring up to date: the list as just read, and how to work out its next revision from
     * the stored one (empty: leave it as it is); {@code cause} is the record to retry from if that fails.
     */
    private record Wanted(String path, Optional<RelatedList> read, int cause, Function<Optional<RelatedList>, Optional<RelatedList>> nextOf) {
    }

    /** What storing a list did: whether the list changed and its owner's page was written, or the record to retry from. */
    private record Stored(boolean listChanged, boolean pageWritten, Optional<RetryFrom> failure) {
    }

    /**
     * A list saved, or found saved, that its owner's page may not show yet, with the links to
     * record before the page shows it; or the record to retry from.
     */
    private record Saved(boolean listChanged, Optional<RelatedList> toShow, Set<String> added, Set<String> removed,
                         Optional<RetryFrom> failure) {

        static final Saved NOTHING = new Saved(false, Optional.empty(), Set.of(), Set.of(), Optional.empty());

        static Saved toShow(boolean listChanged, RelatedList list, Set<String> added, Set<String> removed) {
            return new Saved(listChanged, Optional.of(list), added, removed, Optional.empty());
        }

        static Saved failed(RetryFrom failure) {
            return new Saved(false, Optional.empty(), Set.of(), Set.of(), Optional.of(failure));
        }

        RelatedListStore.Links links() {
            return new RelatedListStore.Links(toShow.get().path(), added, removed);
        }

        Stored shown(boolean pageWritten, Optional<RetryFrom> failure) {
            return new Stored(listChanged, pageWritten, failure.or(this::failure));
        }
    }

    /** The list with these items and choices after the stored one, or the first. */
    private static Function<Optional<RelatedList>, Optional<RelatedList>> next(Candidate owner, List<String> pinned,
                                                                             Set<String> excluded, List<RelatedList.Item> items) {
        return current -> Optional.of(current.map(c -> c.next(owner, pinned, excluded, items))
                .orElseGet(() -> new RelatedList(owner, pinned, excluded, 1, items)));
    }

    /**
     * Stores each list that changed, each on its own condition, a hundred to a request; then records
     * whom they all link to, and reads their owners' articles, a few batched requests for the lot;
     * then writes each page that does not show its list yet. The links go before the pages, so a
     * page that shows a list means its links are in.
     */
    private List<Stored> storeAll(List<Wanted> wanted) {
        List<Saved> saved = saveAll(wanted);
        List<Stored> stored = new ArrayList<>(saved.stream().map(s -> s.shown(false, Optional.empty())).toList());
        List<Integer> showing = IntStream.range(0, wanted.size()).filter(i -> saved.get(i).toShow().isPresent()).boxed().toList();
        Map<String, StoredArticle> owners;
        try {
            listStore.relink(showing.stream().map(i -> saved.get(i).links()).toList());
            owners = articles.find(showing.stream().map(i -> wanted.get(i).path()).toList());
        } catch (RuntimeException e) {
            showing.forEach(i -> stored.set(i, saved.get(i).shown(false, Optional.of(RetryFrom.of(wanted.get(i).cause(), e)))));
            return stored;
        }
        List<Stored> pages = parallel.map(showing, i -> {
            try {
                return saved.get(i).shown(showOnPage(saved.get(i).toShow().get(), Optional.ofNullable(owners.get(wanted.get(i).path()))),
                        Optional.empty());
            } catch (RuntimeException e) {
                return saved.get(i).shown(false, Optional.of(RetryFrom.of(wanted.get(i).cause(), e)));
            }
        });
        for (int k = 0; k < showing.size(); k++) {
            stored.set(showing.get(k), pages.get(k));
        }
        return stored;
    }

    /**
     * Saves each list's next revision if it differs from the stored one: worked out from the list
     * as read, the lists saved together; a list another batch stored meanwhile is worked out again
     * from the stored one and saved on its own, so that a list two batches update at once keeps both.
     */
    private List<Saved> saveAll(List<Wanted> wanted) {
        List<Decision> decided = parallel.map(wanted, w -> {
            try {
                return decide(w.read(), w.nextOf());
            } catch (RuntimeException e) {
                return Decision.done(Saved.failed(RetryFrom.of(w.cause(), e)));
            }
        });
        List<Integer> toSave = IntStream.range(0, wanted.size()).filter(i -> decided.get(i).done().isEmpty()).boxed().toList();
        List<DynamoBatches.Written> written = listStore.save(toSave.stream().map(i -> decided.get(i).next()).toList());
        List<Saved> saved = new ArrayList<>(decided.stream().map(d -> d.done().orElse(null)).toList());
        List<Integer> raced = new ArrayList<>();
        for (int k = 0; k < toSave.size(); k++) {
            int i = toSave.get(k);
            DynamoBatches.Written outcome = written.get(k);
            if (outcome.written()) {
                saved.set(i, decided.get(i).stored());
            } else if (outcome.failure().isPresent()) {
                saved.set(i, Saved.failed(RetryFrom.of(wanted.get(i).cause(), outcome.failure().get())));
            } else {
                raced.add(i);
            }
        }
        List<Saved> again = parallel.map(raced, i -> {
            try {
                return saveAfresh(wanted.get(i).path(), wanted.get(i).nextOf());
            } catch (RuntimeException e) {
                return Saved.failed(RetryFrom.of(wanted.get(i).cause(), e));
            }
        });
        for (int k = 0; k < raced.size(); k++) {
            saved.set(raced.get(k), again.get(k));
        }
        return saved;
    }

    /** A list's next revision worked out from {@code current}: nothing to save, and what to show if anything; or {@code next}. */
    private record Decision(Optional<Saved> done, Optional<RelatedList> current, RelatedList next) {

        static Decision done(Saved saved) {
            return new Decision(Optional.of(saved), Optional.empty(), null);
        }

        /** What saving {@code next} did: the links it added and removed. */
        Saved stored() {
            Set<String> before = current.map(RelatedLists::links).orElse(Set.of());
            Set<String> now = links(next);
            return Saved.toShow(true, next, difference(now, before), difference(before, now));
        }
    }

    /**
     * Works out the next revision. A list stored before a crash whose page does not show it yet is
     * returned to show, with all its links: a replay finishes the job.
     */
    private Decision decide(Optional<RelatedList> current, Function<Optional<RelatedList>, Optional<RelatedList>> nextOf) {
        Optional<RelatedList> wanted = nextOf.apply(current);
        if (wanted.isEmpty()) {
            return Decision.done(Saved.NOTHING);
        }
        RelatedList next = wanted.get();
        if (current.isPresent() && same(current.get(), next)) {
            return Decision.done(pageShows(current.get()) ? Saved.NOTHING : Saved.toShow(false, current.get(), links(current.get()), Set.of()));
        }
        return new Decision(Optional.empty(), current, next);
    }

    /** Saves a list that lost a race, worked out again from the stored one on every attempt. */
    private Saved saveAfresh(String path, Function<Optional<RelatedList>, Optional<RelatedList>> nextOf) {
        for (int attempt = 2; attempt <= SAVE_ATTEMPTS; attempt++) {
            Decision decided = decide(listStore.related(path), nextOf);
            if (decided.done().isPresent()) {
                return decided.done().get();
            }
            if (listStore.save(decided.next())) {
                return decided.stored();
            }
        }
        throw new IllegalStateException("the related list of " + path + " kept changing under us");
    }

    /** Whether the owner's page shows this revision of its list, or a later one. */
    private boolean pageShows(RelatedList list) {
        return site.page(SiteLayout.articleKey(list.path())).map(p -> p.version().minor() >= list.revision()).orElse(false);
    }

    /** Renders the owner's page unless it shows this list or a later one already (after a crash between the two, say). */
    private boolean showOnPage(RelatedList list, Optional<StoredArticle> owner) {
        Optional<SiteBucket.Page> page = site.page(SiteLayout.articleKey(list.path()));
        if (page.isPresent() && page.get().version().minor() >= list.revision()) {
            return false;
        }
        return owner.map(s -> pages.write(s, Optional.of(list), page) == SiteBucket.Outcome.WRITTEN).orElse(false);
    }

    /** Warms a list's path, writing nothing (SnapStart): reads a list, its article and its article's page. */
    void prime() {
        listStore.related(SnapshotPriming.PATH);
        articles.find(SnapshotPriming.PATH);
        site.page(SiteLayout.articleKey(SnapshotPriming.PATH));
    }

    private static boolean same(RelatedList a, RelatedList b) {
        return a.items().equals(b.items()) && a.owner().equals(b.owner()) && a.pinned().equals(b.pinned())
                && a.excluded().equals(b.excluded());
    }

    /** Whom a list depends on: what it shows, and what it pins even if not yet published. */
    private static Set<String> links(RelatedList list) {
        Set<String> links = new LinkedHashSet<>(list.pinned());
        list.items().forEach(i -> links.add(i.scored().path()));
        return links;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }
}
