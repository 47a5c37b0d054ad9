package dev.newsroom.publish;

import dev.newsroom.core.config.ConfigurationException;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.site.SiteConfig;
import java.net.URI;
import java.util.Optional;

/**
 * The publish function's configuration, read once at init from the variables {@code template.yaml} sets.
 *
 * @param indexTable    where the relate function keeps related lists, which article pages show
 * @param redirectsTable the old addresses that answer 301 with an article's path
 * @param articlePrefix where editors upload articles in the source bucket
 * @param pagePrefix    where they upload static pages (About, Contact), published like articles and never listed
 * @param assetPrefix   where editors upload images and other files, copied to the site as they are
 * @param reportPrefix  where rejection reports go; outside both upload prefixes, so they trigger nothing (H2)
 * @param schedules     where an article's time is scheduled ({@link DueSchedules})
 * @param schedulerEndpoint where EventBridge Scheduler is, when not on AWS ({@code AWS_ENDPOINT_URL_SCHEDULER})
 */
public record PublishConfig(SiteConfig site, String siteBucket, String articlesTable, String uploadsTable,
                            String indexTable, String redirectsTable, String commentsTable,
                            String articlePrefix, String pagePrefix, String assetPrefix, String reportPrefix,
                            DueSchedules.Settings schedules, Optional<URI> schedulerEndpoint) {

    public PublishConfig {
        String[] prefixes = {articlePrefix, pagePrefix, assetPrefix, reportPrefix};
        for (int i = 0; i < prefixes.length; i++) {
            if (!prefixes[i].endsWith("/")) {
                throw new ConfigurationException("prefixes must end with /: " + prefixes[i]);
            }
            for (int j = i + 1; j < prefixes.length; j++) {
                if (overlap(prefixes[i], prefixes[j])) {
                    throw new ConfigurationException("ARTICLE_PREFIX, PAGE_PREFIX, ASSET_PREFIX and REPORT_PREFIX must not overlap");
                }
            }
        }
    }

    public static PublishConfig from(Env env) {
        return new PublishConfig(SiteConfig.from(env),
                env.require("SITE_BUCKET"),
                env.require("ARTICLES_TABLE"),
                env.require("UPLOADS_TABLE"),
                env.require("INDEX_TABLE"),
                env.require("REDIRECTS_TABLE"),
                env.require("COMMENTS_TABLE"),
                env.require("ARTICLE_PREFIX"),
                env.require("PAGE_PREFIX"),
                env.require("ASSET_PREFIX"),
                env.require("REPORT_PREFIX"),
                new DueSchedules.Settings(env.require("SCHEDULE_GROUP"), env.require("SCHEDULE_TARGET_ARN"),
                        env.require("SCHEDULE_ROLE_ARN"), env.require("SCHEDULE_DEAD_LETTER_ARN")),
                env.optional("AWS_ENDPOINT_URL_SCHEDULER").map(URI::create));
    }

    private static boolean overlap(String a, String b) {
        return a.startsWith(b) || b.startsWith(a);
    }
}
