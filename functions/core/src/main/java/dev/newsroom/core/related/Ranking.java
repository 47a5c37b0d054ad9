package dev.newsroom.core.related;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Ranks candidate articles for one article's "More articles" list. Pure and deterministic: the
 * same article, candidates and frequencies always give the same list.
 *
 * <ul>
 *   <li>score = tagWeight × Σ rarity of shared tags + categoryWeight × same category
 *       + authorWeight × same author + closenessWeight × ½^(days apart / halfLife);</li>
 *   <li>a candidate must share at least a tag, the category or the author: closeness alone
 *       relates nothing;</li>
 *   <li>the article never lists itself; excluded slugs never appear; pinned slugs come first, in
 *       the editor's order, if they are among the candidates;</li>
 *   <li>ties break by the newer article first, then by slug.</li>
 * </ul>
 */
public final class Ranking {

    private static final Comparator<Scored> ORDER = Comparator.comparingDouble(Scored::score).reversed();

    private final RankingRules rules;

    public Ranking(RankingRules rules) {
        this.rules = rules;
    }

    public List<Scored> rank(Candidate article, Collection<Candidate> candidates, TagFrequencies frequencies,
                             List<String> pinned, Set<String> excluded) {
        Map<String, Candidate> bySlug = candidates.stream()
                .collect(Collectors.toMap(Candidate::slug, Function.identity(), (a, b) -> a));
        List<Scored> list = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        for (String slug : pinned) {
            Candidate candidate = bySlug.get(slug);
            if (candidate != null && !slug.equals(article.slug()) && !excluded.contains(slug) && placed.add(slug)
                    && list.size() < rules.count()) {
                Scored scored = score(article, candidate, frequencies);
                list.add(new Scored(slug, scored.score(), true, scored.sharedTags(), scored.tagScore(),
                        scored.categoryScore(), scored.authorScore(), scored.closenessScore()));
            }
        }
        Comparator<Scored> order = ORDER
                .thenComparing(s -> bySlug.get(s.slug()).published(), Comparator.reverseOrder())
                .thenComparing(Scored::slug);
        bySlug.values().stream()
                .filter(c -> !c.slug().equals(article.slug()) && !excluded.contains(c.slug()) && !placed.contains(c.slug()))
                .map(c -> score(article, c, frequencies))
                .filter(s -> s.tagScore() + s.categoryScore() + s.authorScore() > 0)
                .sorted(order)
                .limit(Math.max(0, rules.count() - list.size()))
                .forEach(list::add);
        return List.copyOf(list);
    }

    Scored score(Candidate article, Candidate candidate, TagFrequencies frequencies) {
        List<String> shared = candidate.tags().stream().filter(article.tags()::contains).sorted().toList();
        double tags = rules.tagWeight() * shared.stream().mapToDouble(t -> frequencies.weight(t, rules.maximumTagShare())).sum();
        double category = article.category().equals(candidate.category()) ? rules.categoryWeight() : 0;
        double author = article.author().equals(candidate.author()) ? rules.authorWeight() : 0;
        double days = Math.abs(Duration.between(article.published(), candidate.published()).toHours()) / 24.0;
        double closeness = rules.closenessWeight() * Math.pow(0.5, days / rules.halfLifeDays());
        return new Scored(candidate.slug(), round(tags + category + author + closeness), false, shared,
                round(tags), category, author, round(closeness));
    }

    /** Scores are kept to four decimals, so that stored lists compare equal across runs. */
    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
