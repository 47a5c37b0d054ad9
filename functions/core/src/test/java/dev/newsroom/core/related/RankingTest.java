package dev.newsroom.core.related;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ranking on tiny corpora, one rule at a time. */
class RankingTest {

    private static final Instant DAY = Instant.parse("2026-11-01T00:00:00Z");
    private final Ranking ranking = new Ranking(RankingRules.DEFAULT);

    private static Candidate article(String slug, int day, String category, String author, String... tags) {
        return new Candidate(slug, DAY.plusSeconds(86_400L * day), category, author, Set.of(tags), java.util.Optional.empty());
    }

    private static TagFrequencies frequencies(List<Candidate> corpus) {
        Map<String, Long> counts = new java.util.HashMap<>();
        corpus.forEach(c -> c.tags().forEach(t -> counts.merge(t, 1L, Long::sum)));
        return new TagFrequencies(counts);
    }

    private List<String> slugs(Candidate article, List<Candidate> corpus, List<String> pinned, Set<String> excluded) {
        return ranking.rank(article, corpus, frequencies(corpus), pinned, excluded).stream().map(Scored::path).toList();
    }

    @Test
    void rareSharedTagsOutweighCommonOnes() {
        List<Candidate> corpus = new ArrayList<>();
        Candidate bridge = article("bridge", 10, "city", "amara", "news", "harbour-bridge");
        corpus.add(bridge);
        corpus.add(article("same-rare-tag", 3, "sport", "jonas", "harbour-bridge"));
        corpus.add(article("same-common-tag", 10, "sport", "jonas", "news"));
        for (int i = 0; i < 6; i++) {
            corpus.add(article("filler-" + i, 1, "culture", "priya", "news"));
        }
        List<Scored> list = ranking.rank(bridge, corpus, frequencies(corpus), List.of(), Set.of());
        assertEquals("same-rare-tag", list.get(0).path(), "published a week earlier, it still comes first");
        assertEquals(1 + 5 * Math.log(4), list.get(0).tagScore(), 1e-4, "harbour-bridge is on 2 articles: band 0");
        assertEquals(1 + 4 * Math.log(4), list.get(1).tagScore(), 1e-4, "news is on 8: band 1");
    }

    @Test
    void aTagsBandFollowsItsOwnCountInPowersOfFour() {
        assertEquals(List.of(0, 0, 0, 1, 1, 2, 2, 3, 4, 4, 5, 5),
                java.util.stream.LongStream.of(0, 1, 3, 4, 15, 16, 63, 64, 256, 1023, 1024, 1_000_000)
                        .mapToObj(n -> TagFrequencies.band(n)).toList());
        TagFrequencies f = new TagFrequencies(Map.of("rare", 1L, "everywhere", 50_000L));
        assertEquals(1 + 5 * Math.log(4), f.weight("rare"), 1e-9);
        assertEquals(1.0, f.weight("everywhere"), 1e-9, "a tag on a thousand articles or more counts as much as the category");
    }

    @Test
    void categoryAndAuthorCountAndClosenessBreaksNearTies() {
        Candidate target = article("target", 20, "city", "amara", "transport");
        List<Candidate> corpus = List.of(target,
                article("same-category-far", 1, "city", "jonas"),
                article("same-category-near", 19, "city", "jonas"),
                article("same-author", 20, "sport", "amara"),
                article("unrelated-but-close", 20, "sport", "jonas"));
        assertEquals(List.of("same-category-near", "same-category-far", "same-author"), slugs(target, corpus, List.of(), Set.of()),
                "closeness alone relates nothing");
    }

    @Test
    void newerArticlesAppearInOlderArticlesLists() {
        Candidate old = article("old", 1, "city", "amara", "tram");
        Candidate newer = article("newer", 40, "city", "amara", "tram");
        assertEquals(List.of("newer"), slugs(old, List.of(old, newer), List.of(), Set.of()));
    }

    @Test
    void neverListsItselfAndHonoursPinsAndExclusions() {
        Candidate target = article("target", 10, "city", "amara", "tram", "bridge");
        List<Candidate> corpus = List.of(target,
                article("best", 10, "city", "amara", "tram", "bridge"),
                article("second", 9, "city", "amara", "tram"),
                article("third", 8, "city", "amara"),
                article("unrelated", 8, "sport", "jonas"),
                article("excluded", 10, "city", "amara", "tram", "bridge"));
        assertEquals(List.of("unrelated", "best", "second", "third"),
                slugs(target, corpus, List.of("unrelated", "missing", "target", "excluded"), Set.of("excluded")),
                "pins first, in order; missing, self and excluded pins are skipped");
    }

    @Test
    void tiesBreakByNewerThenBySlugWhateverTheInputOrder() {
        Candidate target = article("target", 10, "city", "amara");
        List<Candidate> corpus = new ArrayList<>(List.of(target,
                article("b", 12, "city", "jonas"), article("a", 12, "city", "jonas"),
                article("c", 8, "city", "jonas"), article("d", 14, "city", "jonas")));
        List<String> first = slugs(target, corpus, List.of(), Set.of());
        Collections.reverse(corpus);
        assertEquals(first, slugs(target, corpus, List.of(), Set.of()));
        assertEquals(List.of("a", "b", "c", "d"), first, "a, b, c equally close (two days); newer first, then by slug");
    }

    @Test
    void explainsEveryScore() {
        Candidate target = article("target", 10, "city", "amara", "tram", "news");
        List<Candidate> corpus = List.of(target, article("other", 10, "city", "amara", "tram"),
                article("x", 1, "sport", "jonas", "news"), article("y", 1, "sport", "jonas", "news"),
                article("z", 1, "sport", "jonas"), article("w", 1, "sport", "jonas"));
        Scored scored = ranking.rank(target, corpus, frequencies(corpus), List.of(), Set.of()).get(0);
        assertEquals(List.of("tram"), scored.sharedTags());
        assertEquals(1 + 5 * Math.log(4), scored.tagScore(), 1e-4, "tram is on 2 articles, band 0: 1 + ln(1024 / 4^0)");
        assertEquals(1.0, scored.categoryScore());
        assertEquals(0.5, scored.authorScore());
        assertEquals(0.5, scored.closenessScore(), "published the same day");
        assertEquals(scored.tagScore() + 2.0, scored.score(), 1e-4);
    }

    @Test
    void reproducesTheWorkedExampleInTheDocs() {
        Candidate bridge = article("harbour-bridge-reopens", 10, "city", "amara", "transport", "harbour", "cycling");
        List<Candidate> corpus = List.of(bridge,
                article("new-ferry-timetable", 12, "city", "jonas", "transport", "harbour"),
                article("cycle-lane-survey", -35, "sport", "amara", "cycling"),
                article("council-budget", 11, "city", "priya", "news"),
                article("tram-strike", 10, "sport", "jonas", "news"),
                article("bus-routes-review", 0, "culture", "lee", "transport", "news"),
                article("tram-depot-plans", -10, "culture", "lee", "transport", "news"),
                article("f3", 0, "culture", "lee", "news"),
                article("f4", 0, "culture", "lee", "news"),
                article("f5", 0, "culture", "lee"));
        List<Scored> list = ranking.rank(bridge, corpus, frequencies(corpus), List.of(), Set.of());
        assertEquals(List.of("new-ferry-timetable", "cycle-lane-survey", "bus-routes-review", "tram-depot-plans"),
                list.stream().map(Scored::path).toList());
        assertEquals(List.of(15.9541, 8.6082, 6.942, 6.8602), list.stream().map(Scored::score).toList());
    }

    @Test
    void listsAreBoundedByTheConfiguredCount() {
        Candidate target = article("target", 10, "city", "amara");
        List<Candidate> corpus = new ArrayList<>(List.of(target));
        for (int i = 0; i < 50; i++) {
            corpus.add(article("c" + i, i, "city", "jonas"));
        }
        assertEquals(4, slugs(target, corpus, List.of(), Set.of()).size());
        assertEquals(2, new Ranking(new RankingRules(2, 1, 1, 0.5, 0.5, 30))
                .rank(target, corpus, frequencies(corpus), List.of(), Set.of()).size());
    }

    @Test
    void scoresAreSymmetricSoAnArticlesBestCandidatesAreTheListsItBelongsIn() {
        List<Candidate> corpus = List.of(article("a", 1, "city", "amara", "tram", "bridge"),
                article("b", 9, "city", "jonas", "tram"), article("c", 20, "sport", "amara", "bridge", "golf"));
        TagFrequencies f = frequencies(corpus);
        for (Candidate x : corpus) {
            for (Candidate y : corpus) {
                assertEquals(ranking.score(x, y, f).score(), ranking.score(y, x, f).score(), x.path() + " and " + y.path());
            }
        }
    }

    @Test
    void mergePlacesAnEntryByItsScoreKeepsPinsFirstAndDropsWhatLeaves() {
        Candidate target = article("target", 10, "city", "amara", "tram");
        List<Candidate> corpus = List.of(target, article("p", 1, "sport", "jonas"), article("a", 10, "city", "amara", "tram"),
                article("b", 9, "city", "jonas"), article("c", 8, "city", "jonas"), article("d", 2, "city", "jonas"));
        TagFrequencies f = frequencies(corpus);
        List<Scored> list = ranking.rank(target, corpus.subList(0, 5), f, List.of("p"), Set.of());
        assertEquals(List.of("p", "a", "b", "c"), list.stream().map(Scored::path).toList());
        Scored d = ranking.scoreIfRelated(target, corpus.get(5), f).orElseThrow();
        assertEquals(List.of("p", "a", "b", "c"), ranking.merge(list, "d", java.util.Optional.of(d), List.of("p")).stream()
                .map(Scored::path).toList(), "d scores lowest: the list is full");
        Scored strong = ranking.scoreIfRelated(target, article("d", 10, "city", "amara", "tram"), f).orElseThrow();
        assertEquals(List.of("p", "a", "d", "b"), ranking.merge(list, "d", java.util.Optional.of(strong), List.of("p")).stream()
                .map(Scored::path).toList(), "a stronger d moves up; level with a on score and date, the slug puts a first");
        assertEquals(List.of("p", "a", "c"), ranking.merge(list, "b", java.util.Optional.empty(), List.of("p")).stream()
                .map(Scored::path).toList());
    }

    @Test
    void onlyArticlesInOneLanguageRelateThoughAnEditorMayPinAnother() {
        Candidate spanish = new Candidate("/es/a", DAY, "city", "amara", Set.of("tram"), java.util.Optional.of("es"));
        Candidate english = article("/b", 1, "city", "amara", "tram");
        Candidate alsoSpanish = new Candidate("/es/c", DAY.plusSeconds(86_400L * 20), "city", "amara", Set.of("tram"),
                java.util.Optional.of("es"));
        List<Candidate> corpus = List.of(spanish, english, alsoSpanish);
        assertEquals(List.of("/es/c"), ranking.rank(spanish, corpus, frequencies(corpus), List.of(), Set.of())
                .stream().map(Scored::path).toList(), "the nearer English article does not relate");
        assertEquals(List.of("/b", "/es/c"), ranking.rank(spanish, corpus, frequencies(corpus), List.of("/b"), Set.of())
                .stream().map(Scored::path).toList());
    }
}
