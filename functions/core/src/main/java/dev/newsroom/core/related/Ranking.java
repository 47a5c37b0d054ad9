package dev.newsroom.core.related;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ranks candidate articles for one article's "More articles" list. Pure and deterministic: the
 * same article, candidates and frequencies always give the same list.
 *
 * <ul>
 *   <li>score = tagWeight × Σ rarity of shared tags + categoryWeight × same category
 *       + authorWeight × same author + closenessWeight × ½^(days apart / halfLife);</li>
 *   <li>a candidate must share at least a tag, the category or the author: closeness alone
 *       relates nothing;</li>
 *   <li>the article never lists itself; excluded articles never appear; pinned articles come first, in
 *       the editor's order, if they are among the candidates;</li>
 *   <li>ties break by the newer article first, then by path.</li>
 * </ul>
 * The score is symmetric, so an article's best candidates are also the lists it most likely
 * belongs in: that is what bounds the fan-out to older articles.
 */
public final class Ranking {

    private final RankingRules rules;

    public Ranking(RankingRules rules) {
        this.rules = rules;
    }

    public RankingRules rules() {
        return rules;
    }

    public List<Scored> rank(Candidate article, Collection<Candidate> candidates, TagFrequencies frequencies,
                             List<String> pinned, Set<String> excluded) {
        Map<String, Scored> pins = new LinkedHashMap<>();
        for (String path : pinned) {
            candidates.stream().filter(c -> c.path().equals(path)).findFirst()
                    .filter(c -> !path.equals(article.path()) && !excluded.contains(path))
                    .ifPresent(c -> pins.putIfAbsent(path, score(article, c, frequencies).asPinned()));
        }
        List<Scored> list = new ArrayList<>(pins.values());
        eligible(article, candidates, frequencies, excluded).stream()
                .filter(s -> !pins.containsKey(s.path()))
                .forEach(list::add);
        return List.copyOf(list.subList(0, Math.min(list.size(), rules.count())));
    }

    /** Every candidate that relates to the article, best first: no pins, no limit. */
    public List<Scored> eligible(Candidate article, Collection<Candidate> candidates, TagFrequencies frequencies,
                                 Set<String> excluded) {
        Map<String, Scored> byPath = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (!c.path().equals(article.path()) && !excluded.contains(c.path())) {
                scoreIfRelated(article, c, frequencies).ifPresent(s -> byPath.putIfAbsent(s.path(), s));
            }
        }
        return byPath.values().stream().sorted(Scored.ORDER).toList();
    }

    /** The candidate's entry in the article's list, unless nothing but closeness relates them. */
    public Optional<Scored> scoreIfRelated(Candidate article, Candidate candidate, TagFrequencies frequencies) {
        Scored scored = score(article, candidate, frequencies);
        return scored.related() ? Optional.of(scored) : Optional.empty();
    }

    /**
     * A list with one entry changed in place: {@code entry} takes its place by score (or among the
     * pins, if pinned), or, when empty, the article at {@code path} leaves the list. Callers rank the
     * list afresh instead when an entry left or fell, since an article outside the list may now
     * belong in it.
     */
    public List<Scored> merge(List<Scored> current, String path, Optional<Scored> entry, List<String> pinned) {
        List<Scored> pins = new ArrayList<>();
        List<Scored> scored = new ArrayList<>();
        for (Scored s : current) {
            if (!s.path().equals(path)) {
                (s.pinned() ? pins : scored).add(s);
            }
        }
        entry.ifPresent(e -> (pinned.contains(path) ? pins : scored).add(pinned.contains(path) ? e.asPinned() : e));
        pins.sort(Comparator.comparingInt(s -> pinned.indexOf(s.path())));
        scored.sort(Scored.ORDER);
        List<Scored> list = new ArrayList<>(pins);
        list.addAll(scored);
        return List.copyOf(list.subList(0, Math.min(list.size(), rules.count())));
    }

    Scored score(Candidate article, Candidate candidate, TagFrequencies frequencies) {
        if (!article.lang().equals(candidate.lang())) {
            // Another language's article relates to nothing here; an editor may still pin it.
            return new Scored(candidate.path(), candidate.published(), 0, false, List.of(), 0, 0, 0, 0);
        }
        List<String> shared = new ArrayList<>();
        double tagWeights = 0;
        for (String tag : candidate.tags()) {
            if (article.tags().contains(tag)) {
                shared.add(tag);
                tagWeights += frequencies.weight(tag);
            }
        }
        shared.sort(null);
        double tags = rules.tagWeight() * tagWeights;
        double category = article.category().equals(candidate.category()) ? rules.categoryWeight() : 0;
        double author = article.author().equals(candidate.author()) ? rules.authorWeight() : 0;
        double days = Math.abs(Duration.between(article.published(), candidate.published()).toHours()) / 24.0;
        double closeness = rules.closenessWeight() * Math.pow(0.5, days / rules.halfLifeDays());
        return new Scored(candidate.path(), candidate.published(), round(tags + category + author + closeness), false,
                shared, round(tags), category, author, round(closeness));
    }

    /** Scores are kept to four decimals, so that stored lists compare equal across runs. */
    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
