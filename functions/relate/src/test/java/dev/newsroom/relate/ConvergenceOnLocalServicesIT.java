package dev.newsroom.relate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.RelatedList;
import dev.newsroom.core.related.Ranking;
import dev.newsroom.core.related.Scored;
import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import dev.newsroom.core.site.SiteLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same articles give the same "More articles" lists, whatever order they arrived in and however
 * the stream batched them: every list equals the one ranking the whole site afresh gives, as
 * {@code ./newsroom export} ranks it (issue 18).
 */
@ExtendWith(LocalServicesExtension.class)
class ConvergenceOnLocalServicesIT {

    private static final String[] CATEGORIES = {"city", "sport", "culture"};
    private static final String[] AUTHORS = {"amara", "jonas", "lee"};
    private static final String[] TAGS = {"tram", "bridge", "harbour", "golf", "budget", "ferry"};

    private final Provisioned local;

    ConvergenceOnLocalServicesIT(Provisioned local) {
        this.local = local;
    }

    /** One editor's action on one article. */
    private record Action(String name, Consumer<RelateWorld> apply) {
    }

    /**
     * Sixty articles over ninety days (about twenty in each category, author and tag, so windows of
     * twelve leave articles out and tag counts cross bands as they arrive), one of them pinning
     * another; then retags, moves in time, withdrawals and deletions of a quarter of them.
     */
    private static List<List<Action>> site() {
        Random random = new Random(18);
        List<Action> arrivals = new ArrayList<>();
        List<Action> edits = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String name = "a" + i;
            int day = random.nextInt(90);
            String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            String author = AUTHORS[random.nextInt(AUTHORS.length)];
            String[] tags = tags(random);
            arrivals.add(i == 7
                    ? new Action(name, w -> w.save(name, day, category, author, "related: {pin: [" + w.slug("a41") + "]}",
                            ArticleStatus.PUBLISHED, tags))
                    : new Action(name, w -> w.publish(name, day, category, author, tags)));
            switch (i % 8) {
                case 1 -> {
                    String[] retagged = tags(random);
                    edits.add(new Action(name, w -> w.publish(name, day, category, author, retagged)));
                }
                case 3 -> {
                    int movedTo = random.nextInt(90);
                    edits.add(new Action(name, w -> w.publish(name, movedTo, category, author, tags)));
                }
                case 5 -> edits.add(new Action(name, w -> w.unpublish(name)));
                case 6 -> edits.add(new Action(name, w -> w.delete(name)));
                default -> { }
            }
        }
        return List.of(arrivals, edits);
    }

    private static String[] tags(Random random) {
        List<String> pool = new ArrayList<>(List.of(TAGS));
        Collections.shuffle(pool, random);
        return pool.subList(0, 1 + random.nextInt(3)).toArray(String[]::new);
    }

    @Test
    void listsEqualAFreshRankingOfTheWholeSiteWhateverTheOrderAndBatching() {
        List<List<Action>> site = site();
        RelateWorld oneBatch = run(site, 1000, new Random(1), false);
        RelateWorld oneAtATime = run(site, 1, new Random(2), true);
        RelateWorld byFivesNewestFirst = run(site, 5, new Random(3), true);
        RelateWorld inBursts = run(site, 12, new Random(4), true);

        Map<String, List<Scored>> expected = rankedAfresh(oneBatch);
        assertTrue(expected.values().stream().filter(list -> list.size() == 4).count() > 30, "most lists are full: " + expected);
        for (RelateWorld world : List.of(oneBatch, oneAtATime, byFivesNewestFirst, inBursts)) {
            assertEquals(expected, stored(world), "every list as ranking the whole site afresh gives it");
        }
        Map<String, String> pages = readersSee(oneBatch, expected.keySet());
        RelateWorld.assertSameSite(pages, readersSee(oneAtATime, expected.keySet()));
        RelateWorld.assertSameSite(pages, readersSee(byFivesNewestFirst, expected.keySet()));
        RelateWorld.assertSameSite(pages, readersSee(inBursts, expected.keySet()));
    }

    /**
     * After adds, retags, moves, withdrawals and deletions, in bursts and one at a time, the site the
     * relate function leaves is the one {@code ./newsroom export} renders from the same files: every
     * article page, listing, archive, feed and sitemap, the 404 page and the comment script, byte for byte. The only
     * pages the export lacks are the withdrawn articles', which the publish function replaces.
     */
    @Test
    void theLiveSiteEqualsTheExportOfTheSameFilesAfterEditsRetagsAndDeletes(@TempDir Path dir) throws IOException {
        List<List<Action>> site = site();
        for (int batch : new int[] {12, 1}) {
            RelateWorld world = run(RelateWorld.withSiteOfItsOwn(local), site, batch, new Random(batch), true);
            Path in = dir.resolve("in-" + batch);
            Path out = dir.resolve("out-" + batch);
            for (var source : world.sources().entrySet()) {
                Files.createDirectories(in.resolve(source.getKey()).getParent());
                Files.writeString(in.resolve(source.getKey()), source.getValue());
            }
            var summary = new StaticExport(world.config.site(), world.config.rules(), world.config.window(),
                    world.config.listingSize(), Clock.fixed(RelateWorld.NOW, ZoneOffset.UTC))
                    .run(in, out, new PrintStream(OutputStream.nullOutputStream()));
            assertEquals(world.sources().size(), summary.articles(), "the export publishes every file");

            Map<String, String> exported = new TreeMap<>();
            try (var files = Files.walk(out)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String key = out.relativize(file).toString().replace('\\', '/');
                    // The site's root files (icons, robots.txt) are the publish function's to keep, not the relate function's.
                    if (!dev.newsroom.core.site.SiteLayout.SITE_FILES.contains(key)) {
                        exported.put(key, Files.readString(file));
                    }
                }
            }
            Map<String, String> live = world.sitePages();
            assertTrue(exported.keySet().stream().anyMatch(k -> k.startsWith("category/")) && exported.containsKey("feed.xml")
                    && exported.containsKey("sitemap.xml") && exported.containsKey("404.html"), "the export wrote the whole site: " + exported.keySet());
            for (var page : exported.entrySet()) {
                assertEquals(page.getValue(), live.get(page.getKey()), page.getKey() + ", batches of " + batch + ", as the export renders it");
            }
            Set<String> withdrawn = new TreeSet<>();
            for (int i = 0; i < 60; i++) {
                String key = SiteLayout.articleKey(world.path("a" + i));
                if (!world.sources().containsKey("articles/" + world.slug("a" + i) + ".md")) {
                    withdrawn.add(key);
                }
            }
            Set<String> extra = new TreeSet<>(live.keySet());
            extra.removeAll(exported.keySet());
            extra.removeAll(withdrawn);
            assertEquals(Set.of(), extra, "batches of " + batch + ": pages the export does not have");
        }
    }

    /**
     * The world's pages, but for the article pages of withdrawn articles: the publish function
     * replaces those, and relate leaves them be.
     */
    private static Map<String, String> readersSee(RelateWorld world, java.util.Set<String> published) {
        Map<String, String> pages = new TreeMap<>(world.settled());
        for (int i = 0; i < 60; i++) {
            if (!published.contains("a" + i)) {
                pages.remove(dev.newsroom.core.site.SiteLayout.articleKey(world.path("a" + i)).replace(world.id, "W"));
            }
        }
        return pages;
    }

    /**
     * Applies the arrivals, then the edits, each phase in an order of its own, relating every
     * {@code batch} actions, and then the batches the stream brings after a burst. Batches of ten or
     * more are bursts, whose pages wait for the batch after.
     */
    private RelateWorld run(List<List<Action>> site, int batch, Random order, boolean shuffled) {
        return run(new RelateWorld(local), site, batch, order, shuffled);
    }

    private static RelateWorld run(RelateWorld world, List<List<Action>> site, int batch, Random order, boolean shuffled) {
        for (List<Action> phase : site) {
            List<Action> actions = new ArrayList<>(phase);
            if (shuffled) {
                Collections.shuffle(actions, order);
            }
            for (int i = 0; i < actions.size(); i++) {
                actions.get(i).apply().accept(world);
                if ((i + 1) % batch == 0 || i == actions.size() - 1) {
                    assertEquals(List.of(), world.relate());
                }
            }
        }
        world.relateUntilSettled();
        return world;
    }

    /** Every published article's list as the export ranks it, from the world's articles as they ended. */
    private static Map<String, List<Scored>> rankedAfresh(RelateWorld world) {
        Map<String, StoredArticle> published = new TreeMap<>();
        for (int i = 0; i < 60; i++) {
            world.articles.find(world.path("a" + i)).filter(a -> Entry.of(a).isPresent()).ifPresent(a -> published.put(a.path(), a));
        }
        Map<String, Entry> entries = published.values().stream().map(a -> Entry.of(a).orElseThrow())
                .collect(Collectors.toMap(Entry::path, e -> e));
        var neighbours = Neighbours.of(new MemoryPostings(entries.values(), ZoneOffset.UTC), entries,
                new Ranking(world.config.rules()), world.config.window());
        Map<String, List<Scored>> lists = new TreeMap<>();
        published.forEach((path, article) -> lists.put(unqualified(world, path), neighbours.rank(entries.get(path),
                article.article().metadata().related()).stream().map(RelatedList.Item::scored).map(s -> unqualified(world, s)).toList()));
        return lists;
    }

    /** The world's stored lists of its published articles; withdrawn articles' lists must be empty. */
    private static Map<String, List<Scored>> stored(RelateWorld world) {
        Map<String, List<Scored>> lists = new TreeMap<>();
        for (int i = 0; i < 60; i++) {
            String path = world.path("a" + i);
            boolean isPublished = world.articles.find(path).flatMap(Entry::of).isPresent();
            List<Scored> list = world.listStore.related(path).map(RelatedList::scored).orElse(List.of()).stream()
                    .map(s -> unqualified(world, s)).toList();
            if (isPublished) {
                lists.put("a" + i, list);
                assertEquals(list.stream().map(s -> "/articles/W-" + s.path()).toList(),
                        org.jsoup.Jsoup.parse(world.articlePage("a" + i).orElseThrow().replace(world.id, "W")).select(".more h3 a")
                                .eachAttr("href"), "a" + i + "'s page shows its list");
            } else {
                assertEquals(List.of(), list, "a" + i + " is withdrawn: its list lists nothing");
            }
        }
        return lists;
    }

    /** An article's name in its world: its path without the world's prefix. */
    private static String unqualified(RelateWorld world, String path) {
        return path.substring(world.path("").length());
    }

    /** The entry without its world's id, so worlds compare. */
    private static Scored unqualified(RelateWorld world, Scored s) {
        return new Scored(unqualified(world, s.path()), s.published(), s.score(), s.pinned(),
                s.sharedTags().stream().map(t -> t.substring(world.id.length() + 1)).toList(),
                s.tagScore(), s.categoryScore(), s.authorScore(), s.closenessScore());
    }
}
