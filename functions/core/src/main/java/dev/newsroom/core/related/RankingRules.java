package dev.newsroom.core.related;

/**
 * How related articles are scored; see {@code docs/related.md} for a worked example.
 *
 * @param count            how many articles a list shows
 * @param tagWeight        multiplies each shared tag's rarity weight
 * @param categoryWeight   for the same category
 * @param authorWeight     for the same primary author
 * @param closenessWeight  for being published near in time, halved every {@code halfLifeDays}
 */
public record RankingRules(int count, double tagWeight, double categoryWeight, double authorWeight,
                           double closenessWeight, double halfLifeDays) {

    public static final RankingRules DEFAULT = new RankingRules(4, 1.0, 1.0, 0.5, 0.5, 30);
}
