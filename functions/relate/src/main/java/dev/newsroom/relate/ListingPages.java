package dev.newsroom.relate;

import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.index.Archive;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.index.ListingState;
import dev.newsroom.core.render.PageRenderer;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.index.Postings;
import dev.newsroom.core.store.PageVersion;
import dev.newsroom.core.store.SiteBucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Renders the pages that list articles: for each listing an article is in (or was in), the index
 * page and feed, the archive page of its date (and that page's neighbours, when it opens or
 * closes); for the site as a whole also the 404 page, the day's sitemap, the sitemap index and
 * Google News' sitemap. Each page carries its listing's revision, read before its articles, so an older render
 * never replaces a newer page (B2). A listing other than the site's, or an archive page, with no
 * articles left is removed instead, so readers get the 404 page. A batch's listings are read and
 * rendered at once, and each listing's pages written at once.
 */
final class ListingPages {

    static final String FEED_TYPE = "application/atom+xml; charset=utf-8";
    static final String RSS_TYPE = "application/rss+xml; charset=utf-8";
    static final String XML_TYPE = "application/xml; charset=utf-8";
    /** Google News reads only articles of the last two days. */
    static final Duration NEWS_WINDOW = Duration.ofDays(2);
    private static final int NOT_FOUND_SUGGESTIONS = 5;

    private final Postings index;
    private final PageRenderer renderer;
    private final PageSink site;
    private final ZoneId zone;
    private final int size;
    private final Clock clock;
    private final Parallel parallel;

    ListingPages(Postings index, PageRenderer renderer, PageSink site, ZoneId zone, int size, Clock clock, Parallel parallel) {
        this.index = index;
        this.renderer = renderer;
        this.site = site;
        this.zone = zone;
        this.size = size;
        this.clock = clock;
        this.parallel = parallel;
    }

    /** The same, reading these postings: a batch's view of the index. */
    ListingPages over(Postings postings) {
        return new ListingPages(postings, renderer, site, zone, size, clock, parallel);
    }

    /**
     * A rendered page and where it goes; {@code create} if it may be written where no page is. With
     * no content, a page to remove.
     */
    private record Page(String path, String content, String contentType, PageVersion version, boolean create) {

        static Page removal(String path, PageVersion version) {
            return new Page(path, null, null, version, false);
        }

        boolean removes() {
            return content == null;
        }
    }

    /** What was done with a page. */
    private enum Done { WRITTEN, REMOVED, NOTHING }

    /**
     * Renders the pages that showed or show a batch's changes, each once, from the index as the
     * whole batch left it, and writes those whose bytes changed; removes those of a listing or
     * archive page that has no articles left. A listing's pages that fail are retried from the
     * earliest record that changed the listing.
     */
    Relater.Outcome update(List<BatchChange> changes) {
        Map<ListingKey, List<Entry>> shown = new LinkedHashMap<>();
        Map<ListingKey, Set<Archive>> arrived = new HashMap<>();
        Map<ListingKey, Integer> firstRecord = new HashMap<>();
        for (BatchChange batched : changes) {
            ArticleChange change = batched.change();
            if (change.sameListing()) {
                continue;
            }
            for (Optional<Entry> side : List.of(change.before().flatMap(Entry::of), change.after().flatMap(Entry::of))) {
                side.ifPresent(entry -> entry.listings().forEach(key -> {
                    shown.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
                    firstRecord.merge(key, batched.first(), Math::min);
                }));
            }
            change.after().flatMap(Entry::of).ifPresent(entry -> entry.listings().forEach(key ->
                    arrived.computeIfAbsent(key, k -> new HashSet<>()).add(Archive.of(key, entry.published(), zone))));
        }
        Map<ListingKey, ListingState> states;
        try {
            states = index.states(shown.keySet());
        } catch (RuntimeException e) {
            return new Relater.Outcome(0, 0, 0, firstRecord.values().stream().min(Integer::compare).map(first -> RetryFrom.of(first, e)));
        }
        List<Relater.Outcome> done = parallel.map(shown.entrySet(), listing -> {
            try {
                ListingKey key = listing.getKey();
                List<Page> pages = changed(key, states.get(key), listing.getValue(), arrived.getOrDefault(key, Set.of()));
                List<Done> outcomes = parallel.map(pages, this::write);
                return new Relater.Outcome(0, Collections.frequency(outcomes, Done.WRITTEN), Collections.frequency(outcomes, Done.REMOVED),
                        Optional.empty());
            } catch (RuntimeException e) {
                return new Relater.Outcome(0, 0, 0, Optional.of(RetryFrom.of(firstRecord.get(listing.getKey()), e)));
            }
        });
        return new Relater.Outcome(0, done.stream().mapToInt(Relater.Outcome::pages).sum(),
                done.stream().mapToInt(Relater.Outcome::removed).sum(), RetryFrom.earliest(done.stream().map(Relater.Outcome::retry).toList()));
    }

    /**
     * The pages of a listing that show a change of {@code changed}, and those to remove. A page is
     * created only where an article of the batch {@code arrived}; any other render only replaces a
     * page that is there, so an older render never brings back a page removed meanwhile (B2).
     */
    private List<Page> changed(ListingKey key, ListingState state, List<Entry> changed, Set<Archive> arrived) {
        List<Page> rendered = new ArrayList<>();
        Consumer<Page> pages = rendered::add;
        PageVersion version = PageVersion.of(state.revision());
        boolean home = key.home();
        // A home stays, even empty; any other listing goes with its last article.
        boolean gone = !home && state.count() == 0;
        if (gone) {
            pages.accept(Page.removal(key.path(), version));
            pages.accept(Page.removal(key.feedPath(), version));
            pages.accept(Page.removal(key.rssPath(), version));
        } else {
            // The index page lists the newest articles and every archive page, so any change may show there.
            index(key, state, index.newest(key, size), version, home || !arrived.isEmpty(), pages);
        }
        Set<Archive> archives = new LinkedHashSet<>();
        changed.forEach(e -> archives.add(Archive.of(key, e.published(), zone)));
        Set<String> paths = new HashSet<>();
        changed.forEach(e -> paths.add(e.path()));
        Set<Archive> neighbours = new LinkedHashSet<>();
        for (Archive archive : archives) {
            boolean openedOrClosed;
            if (gone || !state.archives().contains(archive)) {
                // Its last article left: the listing no longer links to it.
                pages.accept(Page.removal(key.archivePath(archive), version));
                if (home) {
                    pages.accept(Page.removal(key.sitemapPath(archive), version));
                }
                openedOrClosed = true;
            } else {
                List<Entry> entries = index.archive(key, archive);
                archive(key, state, archive, entries, version, arrived.contains(archive), pages);
                openedOrClosed = entries.stream().allMatch(e -> paths.contains(e.path()));
            }
            if (openedOrClosed && !gone) {
                // Its neighbours' "newer" and "older" links now lead to it, or past it.
                Optional.ofNullable(state.archives().lower(archive)).ifPresent(neighbours::add);
                Optional.ofNullable(state.archives().higher(archive)).ifPresent(neighbours::add);
            }
        }
        neighbours.removeAll(archives);
        for (Archive neighbour : neighbours) {
            archive(key, state, neighbour, index.archive(key, neighbour), version, false, pages);
        }
        if (home) {
            siteFiles(key, state, version, pages);
        }
        return rendered;
    }

    /**
     * Renders, and does not write, the pages a change of the site's newest article would: the index
     * page, feed and 404 page, the archive page and sitemap of its day, and the sitemap index and
     * Google News' sitemap. Warms reading postings and rendering every kind of listing page.
     */
    void prime() {
        ListingState state = index.states(List.of(ListingKey.HOME)).get(ListingKey.HOME);
        changed(ListingKey.HOME, state, index.newest(ListingKey.HOME, 1), Set.of());
    }

    /** Every page of a listing, as a full rebuild renders it; returns how many. */
    int all(ListingKey key, ListingState state) {
        PageVersion version = PageVersion.of(state.revision());
        var written = new AtomicInteger();
        // Written as rendered: a listing may have thousands of archive pages.
        Consumer<Page> pages = page -> {
            if (write(page) == Done.WRITTEN) {
                written.incrementAndGet();
            }
        };
        index(key, state, index.newest(key, size), version, true, pages);
        for (Archive archive : state.archives()) {
            archive(key, state, archive, index.archive(key, archive), version, true, pages);
        }
        if (key.home()) {
            siteFiles(key, state, version, pages);
        }
        return written.get();
    }

    /** One archive page; the homes' days also have a sitemap each. */
    private void archive(ListingKey key, ListingState state, Archive archive, List<Entry> entries, PageVersion version,
                         boolean create, Consumer<Page> pages) {
        pages.accept(new Page(key.archivePath(archive), renderer.listing(key, entries, state, Optional.of(archive)),
                SiteBucket.HTML_TYPE, version, create));
        if (key.home()) {
            pages.accept(new Page(key.sitemapPath(archive), renderer.sitemap(entries), XML_TYPE, version, create));
        }
    }

    /**
     * A home's sitemap index and Google News sitemap, which also drops articles as they turn two
     * days old whenever the home changes (and is there, empty, on a quiet site).
     */
    private void siteFiles(ListingKey home, ListingState state, PageVersion version, Consumer<Page> pages) {
        pages.accept(new Page(home.sitemapIndexPath(), renderer.sitemapIndex(home, state.archives()), XML_TYPE, version, true));
        List<Entry> recent = new ArrayList<>(index.since(home, newsSince()));
        Collections.reverse(recent);
        pages.accept(new Page(home.newsSitemapPath(), renderer.newsSitemap(home, recent), XML_TYPE, version, true));
    }

    private Instant newsSince() {
        return clock.instant().minus(NEWS_WINDOW);
    }

    /** A listing's index page and feed; the site's home also updates the 404 page, which suggests its newest articles. */
    private void index(ListingKey key, ListingState state, List<Entry> newest, PageVersion version, boolean create,
                       Consumer<Page> pages) {
        pages.accept(new Page(key.path(), renderer.listing(key, newest, state, Optional.empty()), SiteBucket.HTML_TYPE, version, create));
        pages.accept(new Page(key.feedPath(), renderer.feed(key, newest), FEED_TYPE, version, create));
        pages.accept(new Page(key.rssPath(), renderer.rss(key, newest), RSS_TYPE, version, create));
        if (key.equals(ListingKey.HOME)) {
            pages.accept(new Page(SiteLayout.NOT_FOUND, renderer.notFound(newest.subList(0, Math.min(newest.size(), NOT_FOUND_SUGGESTIONS))),
                    SiteBucket.HTML_TYPE, version, create));
        }
    }

    /** Writes or removes a page: not over a newer one, nor the same bytes again, nor a missing page it may not create. */
    private Done write(Page page) {
        String key = SiteLayout.objectKey(page.path());
        if (page.removes()) {
            return site.remove(key, page.version()) ? Done.REMOVED : Done.NOTHING;
        }
        return site.write(key, page.content(), page.contentType(), page.version(), page.create()) ? Done.WRITTEN : Done.NOTHING;
    }
}
