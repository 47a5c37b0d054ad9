package dev.newsroom.publish;

import dev.newsroom.core.article.SiteRules;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.MarkdownRenderer;
import dev.newsroom.core.aws.EdgeInvalidations;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.pages.ArticlePages;
import dev.newsroom.core.render.PageRenderer;
import dev.newsroom.core.store.ArticleStore;
import dev.newsroom.core.store.DiscussionStore;
import dev.newsroom.core.store.ImageStore;
import dev.newsroom.core.store.RedirectStore;
import dev.newsroom.core.store.RelatedListStore;
import dev.newsroom.core.settings.SiteSettings;
import dev.newsroom.core.store.ShellMarker;
import dev.newsroom.core.store.SiteBucket;
import dev.newsroom.core.store.SiteSettingsStore;
import dev.newsroom.core.store.SourceBucket;
import dev.newsroom.core.store.UploadStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/** Routes each source change to articles or assets; anything else in the bucket is left alone. */
public final class Publisher {

    /** How many requests an upload may have in flight at once: reads, and then writes, two or three at a time. */
    private static final int REQUESTS_IN_FLIGHT = 4;

    /** How many articles a new site configuration publishes again at once. */
    private static final int REPUBLISHED_AT_ONCE = 8;

    private final ArticlePublisher articles;
    private final SiteSettingsPublisher settings;
    private final AssetMirror assets;

    Publisher(ArticlePublisher articles, SiteSettingsPublisher settings, AssetMirror assets) {
        this.articles = articles;
        this.settings = settings;
        this.assets = assets;
    }

    public static Publisher create(PublishConfig config, S3Client s3, DynamoDbClient dynamo, SchedulerClient scheduler, EdgeInvalidations edge,
                                   Clock clock) {
        var source = new SourceBucket(s3);
        var site = new SiteBucket(s3, config.siteBucket());
        var parser = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, config.site().name(), config.site().zone());
        var parallel = Parallel.of(REQUESTS_IN_FLIGHT);
        var articles = new ArticleStore(dynamo, config.articlesTable());
        var settingsStore = new SiteSettingsStore(dynamo, config.uploadsTable(), SiteSettings.KEY);
        var reports = new PublishReports(source, config.reportPrefix());
        var oldAddresses = new OldAddresses(new RedirectStore(dynamo, config.redirectsTable()), articles, parallel);
        var discussions = new DiscussionStore(dynamo, config.commentsTable());
        var images = new ImageStore(dynamo, config.uploadsTable());
        var inForce = new SettingsInForce(settingsStore, parser);
        var siteImages = new SiteImages(source, site, images, edge, parallel, config.assetPrefix());
        var articlePublisher = new ArticlePublisher(inForce,
                new ArticlePages(new PageRenderer(config.site(), inForce::menus), site, articles, discussions, parallel),
                new RelatedListStore(dynamo, config.indexTable()),
                articles, new UploadStore(dynamo, config.uploadsTable()),
                oldAddresses, source, reports,
                config.articlePrefix(), config.pagePrefix(), discussions, new DueSchedules(scheduler, config.schedules()),
                new SiteFileSync(site, config.site(), parallel), edge, images, siteImages, clock, parallel);
        return new Publisher(articlePublisher,
                new SiteSettingsPublisher(settingsStore, source, articles, articlePublisher, oldAddresses, reports,
                        new ShellMarker(dynamo, config.articlesTable()),
                        Parallel.of(REPUBLISHED_AT_ONCE), clock),
                new AssetMirror(source, site, siteImages, images, articlePublisher::readAgain, reports, parallel, config.assetPrefix(), clock));
    }

    /** Warms the paths an upload takes, writing nothing (SnapStart). */
    public void prime() {
        articles.prime();
    }

    /** Reads the file again because its article's time came, as its schedule asks; returns what it did, for the log. */
    public Result due(String bucket, String key) {
        return articles.due(bucket, key);
    }

    /** How many an upgrade works through at once; the invocation's deadline is checked between them. */
    static final int UPGRADE_CHUNK = 8;

    /**
     * How far a piece of an upgrade went: how many it did and left, and the last one it did (a file's
     * key or an article's path), after which the next run goes on; the order is the keys' or paths'.
     */
    record Progress(int done, int left, String last) {

        static <T> Progress of(List<T> items, int done, Function<T, String> name, String after) {
            return new Progress(done, items.size() - done, done == 0 ? after : name.apply(items.get(done - 1)));
        }
    }

    /**
     * What an upgrade's run did, how many files or articles it left, and, if any, where the next run
     * goes on: its request's {@code after}.
     */
    public record Upgraded(String description, int left, String after) {

        /** The run's whole account, for its log and its answer. */
        public String summary() {
            return description + (left == 0 ? "; nothing left to do" : "; " + left + " left for the next run: run it again with \"after\": \""
                    + after + "\"");
        }
    }

    /**
     * The upgrade to scheduled publishing: every published article's times scheduled, its files in
     * {@code bucket}, by path, those after {@code after}.
     */
    public Upgraded scheduleTimes(String bucket, String after, Instant until) {
        Progress timed = articles.scheduleTimes(bucket, after, until);
        return new Upgraded("scheduled the times of " + timed.done() + " published article(s)", timed.left(), timed.last());
    }

    /**
     * The upgrade to width variants: images uploaded before them get their variants and sizes, and
     * the articles that show them are published again with them (docs/operations.md, "Upgrading").
     * Images go first, by key, then articles, by path; {@code after} is a key (an image's) or a path
     * (beginning with a slash, an article's), the last one the run before did.
     */
    public Upgraded sizeImages(String bucket, String after, Instant until) {
        boolean articlesNow = after.startsWith("/");
        Progress images = articlesNow ? new Progress(0, 0, after) : assets.sizeImagesUploadedBefore(bucket, after, until);
        String sized = "sized " + images.done() + " image(s) uploaded before variants";
        if (images.left() > 0) {
            return new Upgraded(sized, images.left(), images.last());
        }
        Progress pages = articles.showImageSizes(bucket, articlesNow ? after : "/", until);
        return new Upgraded(sized + ", and published " + pages.done() + " article(s) again with their sizes", pages.left(), pages.last());
    }

    /**
     * The upgrade to held-back images: every image a published article shows counts as shown live,
     * and is never held back by an embargo (docs/operations.md, "Upgrading"); by article path.
     */
    public Upgraded showImagesLive(String bucket, String after, Instant until) {
        Progress shown = articles.showImagesLive(bucket, after, until);
        return new Upgraded("marked the images of " + shown.done() + " published article(s) as shown live", shown.left(), shown.last());
    }

    /** Takes an article down, by its path or slug, until the takedown is lifted; returns what it did. */
    public Result takedown(String article) {
        return articles.takedown(article);
    }

    /** Lifts an article's takedown: its file, in {@code bucket}, is read again as an upload. */
    public Result lift(String bucket, String article) {
        return articles.lift(bucket, article);
    }

    /** Handles one change; returns what it did, for the log. Throws only what a retry may fix. */
    public Result handle(SourceChange change) {
        if (settings.handles(change.key())) {
            return settings.apply(change);
        }
        if (articles.handles(change.key())) {
            return articles.apply(change);
        }
        if (assets.handles(change.key())) {
            return assets.sync(change);
        }
        return new Result("ignored: not an article, asset or site configuration key", Optional.empty());
    }

    /** What handling one change did, to which article, by its path, and what it counts as in the function's metrics. */
    public record Result(String description, Optional<String> path, Counted counted) {

        public Result(String description, Optional<String> path) {
            this(description, path, Counted.NOTHING);
        }
    }

    /** What a change counts as, in the function's metrics (template.yaml's dashboard names them). */
    public enum Counted {
        NOTHING(""), PUBLISHED("ArticlesPublished"), REFUSED("UploadsRefused");

        private final String metric;

        Counted(String metric) {
            this.metric = metric;
        }

        public String metric() {
            return metric;
        }
    }
}
