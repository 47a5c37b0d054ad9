package dev.newsroom.publish;

import dev.newsroom.core.config.ConfigurationException;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.site.SiteConfig;

/**
 * The publish function's configuration, read once at init from the variables {@code template.yaml} sets.
 *
 * @param indexTable    where the relate function keeps related lists, which article pages show
 * @param articlePrefix where editors upload articles in the source bucket
 * @param assetPrefix   where editors upload images and other files, copied to the site as they are
 * @param reportPrefix  where rejection reports go; outside both upload prefixes, so they trigger nothing (H2)
 */
public record PublishConfig(SiteConfig site, String siteBucket, String articlesTable, String uploadsTable,
                            String indexTable,
                            String articlePrefix, String assetPrefix, String reportPrefix) {

    public PublishConfig {
        for (String prefix : new String[] {articlePrefix, assetPrefix, reportPrefix}) {
            if (!prefix.endsWith("/")) {
                throw new ConfigurationException("prefixes must end with /: " + prefix);
            }
        }
        if (overlap(articlePrefix, assetPrefix) || overlap(articlePrefix, reportPrefix) || overlap(assetPrefix, reportPrefix)) {
            throw new ConfigurationException("ARTICLE_PREFIX, ASSET_PREFIX and REPORT_PREFIX must not overlap");
        }
    }

    public static PublishConfig from(Env env) {
        return new PublishConfig(SiteConfig.from(env),
                env.require("SITE_BUCKET"),
                env.require("ARTICLES_TABLE"),
                env.require("UPLOADS_TABLE"),
                env.require("INDEX_TABLE"),
                env.require("ARTICLE_PREFIX"),
                env.require("ASSET_PREFIX"),
                env.require("REPORT_PREFIX"));
    }

    private static boolean overlap(String a, String b) {
        return a.startsWith(b) || b.startsWith(a);
    }
}
