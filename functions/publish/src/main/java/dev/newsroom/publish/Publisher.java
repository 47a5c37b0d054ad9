package dev.newsroom.publish;

import dev.newsroom.core.article.SiteRules;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.MarkdownRenderer;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.pages.ArticlePages;
import dev.newsroom.core.render.PageRenderer;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.store.ArticleStore;
import dev.newsroom.core.store.RedirectStore;
import dev.newsroom.core.store.RelatedListStore;
import dev.newsroom.core.store.SiteBucket;
import dev.newsroom.core.store.SourceBucket;
import dev.newsroom.core.store.UploadStore;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Routes each source change to articles or assets; anything else in the bucket is left alone. */
public final class Publisher {

    /** How many requests an upload may have in flight at once: reads, and then writes, two or three at a time. */
    private static final int REQUESTS_IN_FLIGHT = 4;

    private final ArticlePublisher articles;
    private final AssetMirror assets;

    Publisher(ArticlePublisher articles, AssetMirror assets) {
        this.articles = articles;
        this.assets = assets;
    }

    public static Publisher create(PublishConfig config, S3Client s3, DynamoDbClient dynamo, Clock clock) {
        var source = new SourceBucket(s3);
        var site = new SiteBucket(s3, config.siteBucket());
        var parser = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, config.site().name(), config.site().zone());
        var parallel = Parallel.of(REQUESTS_IN_FLIGHT);
        var articles = new ArticleStore(dynamo, config.articlesTable());
        return new Publisher(
                new ArticlePublisher(parser, new ArticlePages(new PageRenderer(config.site()), site, parallel),
                        new RelatedListStore(dynamo, config.indexTable()),
                        articles, new UploadStore(dynamo, config.uploadsTable()),
                        new OldAddresses(new RedirectStore(dynamo, config.redirectsTable()), articles), source, new PublishReports(source, config.reportPrefix()), config.articlePrefix(), config.pagePrefix(), clock, parallel),
                new AssetMirror(source, site, config.assetPrefix()));
    }

    /** Warms the paths an upload takes, writing nothing (SnapStart). */
    public void prime() {
        articles.prime();
    }

    /** Handles one change; returns what it did, for the log. Throws only what a retry may fix. */
    public Result handle(SourceChange change) {
        if (articles.handles(change.key())) {
            return articles.apply(change);
        }
        if (assets.handles(change.key())) {
            return new Result(assets.sync(change), Optional.empty());
        }
        return new Result("ignored: not an article or asset key", Optional.empty());
    }

    /** What handling one change did, and to which article, by its path. */
    public record Result(String description, Optional<String> path) {
    }
}
