package dev.newsroom.relate;

import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.pages.ArticlePages;
import dev.newsroom.core.related.Ranking;
import dev.newsroom.core.render.PageRenderer;
import dev.newsroom.core.store.ArticleStore;
import dev.newsroom.core.store.DiscussionStore;
import dev.newsroom.core.store.ListingStore;
import dev.newsroom.core.store.RelatedListStore;
import dev.newsroom.core.settings.SiteSettings;
import dev.newsroom.core.store.SiteBucket;
import dev.newsroom.core.store.SiteSettingsStore;
import dev.newsroom.core.store.SweepProgress;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The relate function's parts, built once from its configuration: the stream handlers and the full rebuild share them. */
record Wiring(RelateConfig config, ListingStore listingStore, RelatedListStore listStore, ArticleStore articles, SiteBucket site, PageRenderer renderer,
              DiscussionStore discussions, ArticlePages pages, RelatedLists lists, ChangedPages changed, MenusInForce menus, SweepProgress sweep,
              Parallel parallel) {

    /** How many requests a change may have in flight at once: a change's listings and pages are a dozen or two. */
    private static final int REQUESTS_IN_FLIGHT = 8;

    static Wiring of(RelateConfig config, S3Client s3, DynamoDbClient dynamo) {
        var parallel = Parallel.of(REQUESTS_IN_FLIGHT);
        var listingStore = new ListingStore(dynamo, config.indexTable(), config.site().zone());
        var listStore = new RelatedListStore(dynamo, config.indexTable());
        var changed = new ChangedPages();
        var site = new SiteBucket(s3, config.siteBucket(), changed::changed);
        var menus = new MenusInForce(new SiteSettingsStore(dynamo, config.uploadsTable(), SiteSettings.KEY));
        var renderer = new PageRenderer(config.site(), menus::menus);
        var articles = new ArticleStore(dynamo, config.articlesTable());
        var discussions = new DiscussionStore(dynamo, config.commentsTable());
        var pages = new ArticlePages(renderer, site, articles, discussions, parallel);
        var neighbours = new Neighbours(listingStore, path -> articles.find(path).flatMap(Entry::of), new Ranking(config.rules()),
                config.window(), parallel);
        return new Wiring(config, listingStore, listStore, articles, site, renderer, discussions, pages,
                new RelatedLists(listStore, listingStore, listingStore, articles, pages, site, neighbours, parallel), changed, menus,
                new SweepProgress(dynamo, config.indexTable()), parallel);
    }
}
