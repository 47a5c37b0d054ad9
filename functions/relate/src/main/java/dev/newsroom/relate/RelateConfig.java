package dev.newsroom.relate;

import dev.newsroom.core.config.ConfigurationException;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.related.RankingRules;
import dev.newsroom.core.site.SiteConfig;
import java.time.Duration;

/**
 * The relate function's configuration, read once at init from the variables {@code template.yaml} sets.
 *
 * @param uploadsTable where the site configuration in force is recorded, whose menus pages show
 * @param rules       how lists are ranked; {@code RELATED_COUNT} sets how many entries a list shows
 * @param window      how many articles each listing offers as candidates on each side of an article's date
 * @param listingSize how many articles an index page and a feed show
 * @param burst       when a batch only applies its postings and leaves its pages for a later batch
 */
public record RelateConfig(SiteConfig site, String siteBucket, String articlesTable, String indexTable, String commentsTable,
                           String uploadsTable, RankingRules rules, int window, int listingSize, BurstLimits burst) {

    /**
     * A burst: a batch of at least {@code records} article records, while what waits has waited less
     * than {@code maxWait} (docs/related.md, "Settling a burst").
     */
    public record BurstLimits(int records, Duration maxWait) {
    }

    public RelateConfig {
        if (rules.count() < 1 || window < 1 || listingSize < 1 || burst.records() < 2) {
            throw new ConfigurationException("RELATED_COUNT, RELATED_WINDOW and LISTING_SIZE must be at least 1, and BURST_RECORDS at least 2");
        }
    }

    public static RelateConfig from(Env env) {
        RankingRules d = RankingRules.DEFAULT;
        return new RelateConfig(SiteConfig.from(env),
                env.require("SITE_BUCKET"),
                env.require("ARTICLES_TABLE"),
                env.require("INDEX_TABLE"),
                env.require("COMMENTS_TABLE"),
                env.require("UPLOADS_TABLE"),
                new RankingRules(number(env, "RELATED_COUNT", d.count()), d.tagWeight(), d.categoryWeight(),
                        d.authorWeight(), d.closenessWeight(), d.halfLifeDays()),
                number(env, "RELATED_WINDOW", 12),
                number(env, "LISTING_SIZE", 20),
                new BurstLimits(number(env, "BURST_RECORDS", 10), Duration.ofSeconds(number(env, "BURST_MAX_WAIT_SECONDS", 300))));
    }

    private static int number(Env env, String name, int fallback) {
        String value = env.optional(name, Integer.toString(fallback));
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name + " must be a whole number, not '" + value + "'");
        }
    }
}
