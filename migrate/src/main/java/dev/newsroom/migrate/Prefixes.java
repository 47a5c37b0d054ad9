package dev.newsroom.migrate;

import dev.newsroom.core.site.SiteLayout;

/** Where an import puts articles, static pages and assets in the source bucket, as the publish function reads them. */
public record Prefixes(String articles, String pages, String assets) {

    /** {@code template.yaml}'s, for a dry run, a folder, or a bucket on AWS. */
    public static final Prefixes DEFAULT = new Prefixes(SiteLayout.ARTICLES, SiteLayout.PAGES, SiteLayout.ASSETS);
}
