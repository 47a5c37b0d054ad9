package dev.newsroom.publish;

import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.aws.EdgeInvalidations;
import dev.newsroom.core.aws.SnapshotPriming;
import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.article.Problem;
import dev.newsroom.core.article.Slugs;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.hash.Sha256;
import dev.newsroom.core.pages.ArticlePages;
import dev.newsroom.core.site.ArticlePaths;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.discussion.Discussion;
import dev.newsroom.core.store.ArticleStore;
import dev.newsroom.core.image.StoredImage;
import dev.newsroom.core.store.DiscussionStore;
import dev.newsroom.core.store.ImageStore;
import dev.newsroom.core.store.RelatedListStore;
import dev.newsroom.core.store.SourceBucket;
import dev.newsroom.core.store.UploadStatus;
import dev.newsroom.core.store.UploadStore;
import dev.newsroom.core.article.Timing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Publishes and unpublishes articles. Every step is safe to repeat, so an event delivered twice, late
 * or after a crash converges on the newest upload (A1–A3, B1):
 * <ol>
 *   <li>the upload's status record says whether this event was fully handled already;</li>
 *   <li>the article item is written with optimistic locking and never takes an older sequencer;</li>
 *   <li>the page is a projection of the item, written only over an older version;</li>
 *   <li>the status record is written last (after the page and the report, which are written at once), so a
 *       crash before it means the next try redoes the rest.</li>
 * </ol>
 * A rejected upload changes neither item nor page; the editor reads why in the status record and in
 * a report object beside the upload (C5).
 */
final class ArticlePublisher {

    private static final int SAVE_ATTEMPTS = 8;
    /** How many configurations one event reads its file under, when site.yaml keeps changing while it publishes. */
    private static final int SETTINGS_ATTEMPTS = 3;

    private final SettingsInForce settings;
    private final ArticlePages pages;
    private final RelatedListStore relatedLists;
    private final ArticleStore articles;
    private final UploadStore uploads;
    private final OldAddresses oldAddresses;
    private final SourceBucket source;
    private final PublishReports reports;
    private final String articlePrefix;
    private final String pagePrefix;
    private final DiscussionStore discussions;
    private final DueSchedules schedules;
    private final SiteFileSync siteFiles;
    private final EdgeInvalidations edge;
    private final ImageStore images;
    private final SiteImages siteImages;
    private final Clock clock;
    private final Parallel parallel;

    ArticlePublisher(SettingsInForce settings, ArticlePages pages, RelatedListStore relatedLists, ArticleStore articles, UploadStore uploads,
                     OldAddresses oldAddresses, SourceBucket source, PublishReports reports, String articlePrefix, String pagePrefix,
                     DiscussionStore discussions, DueSchedules schedules, SiteFileSync siteFiles, EdgeInvalidations edge, ImageStore images,
                     SiteImages siteImages, Clock clock, Parallel parallel) {
        this.settings = settings;
        this.pages = pages;
        this.relatedLists = relatedLists;
        this.articles = articles;
        this.uploads = uploads;
        this.oldAddresses = oldAddresses;
        this.source = source;
        this.reports = reports;
        this.articlePrefix = articlePrefix;
        this.pagePrefix = pagePrefix;
        this.discussions = discussions;
        this.schedules = schedules;
        this.siteFiles = siteFiles;
        this.edge = edge;
        this.images = images;
        this.siteImages = siteImages;
        this.clock = clock;
        this.parallel = parallel;
    }

    boolean handles(String key) {
        return (key.startsWith(articlePrefix) || isPage(key)) && ArticleParser.isArticleFile(key);
    }

    boolean isPage(String key) {
        return key.startsWith(pagePrefix);
    }

    /** Brings the site's own files in step with the configuration now in force, as a new site.yaml needs. */
    void syncSiteFiles() {
        siteFiles.sync(settings.now());
    }

    /** The article and page files in {@code bucket}, but those of {@code published} articles, whose latest upload was refused. */
    List<String> refusedFiles(String bucket, Set<String> published) {
        List<String> others = Stream.of(articlePrefix, pagePrefix).flatMap(prefix -> source.keys(bucket, prefix).stream())
                .filter(this::handles).filter(key -> !published.contains(key)).distinct().sorted().toList();
        return parallel.map(others, key -> uploads.find(key).filter(upload -> upload.outcome().equals(UploadStatus.REJECTED)).map(UploadStatus::sourceKey))
                .stream().flatMap(Optional::stream).toList();
    }

    /** Reads the file's latest upload again under the configuration now in force, if it was ever handled. */
    Publisher.Result republish(String bucket, String key) {
        return uploads.find(key).map(status -> apply(SourceChange.again(bucket, key, status.sequencer())))
                .orElseGet(() -> new Publisher.Result("not published again: never handled", Optional.empty()));
    }

    /**
     * Handles one change and returns what happened, for the log. A new site configuration put in
     * force while the file was read under the one before looked for the articles it changes
     * perhaps before this one was stored, so the file is read again under the new one.
     */
    Publisher.Result apply(SourceChange event) {
        Supplier<SettingsInForce.Current> inForce = parallel.start(settings::now);
        for (int attempt = 1; ; attempt++) {
            Publisher.Result result = apply(event, inForce);
            SettingsInForce.Current read = inForce.get();
            siteFiles.sync(read);
            SettingsInForce.Current now = event.created() ? settings.now() : read;
            if (now.version().equals(read.version()) || attempt == SETTINGS_ATTEMPTS) {
                return result;
            }
            inForce = () -> now;
        }
    }

    private Publisher.Result apply(SourceChange event, Supplier<SettingsInForce.Current> inForce) {
        // An upload is read with its status record and the configuration: it is needed unless the event was handled already, which is rare.
        Supplier<Optional<byte[]>> upload = event.created()
                ? parallel.start(() -> source.read(event.bucket(), event.key(), event.eTag(), ArticleParser.MAX_SOURCE_BYTES))
                : Optional::empty;
        Supplier<Optional<UploadStatus>> status = parallel.start(() -> uploads.find(event.key()));
        SettingsInForce.Current current = inForce.get();
        SourceChange change = event.underSettings(current.version());
        Optional<UploadStatus> previous = status.get();
        if (previous.isPresent() && !change.isAfter(previous.get().sequencer())) {
            return new Publisher.Result("already handled", previous.get().path());
        }
        return change.created() ? publish(change, previous, upload.get(), current) : remove(change, previous);
    }

    private Publisher.Result publish(SourceChange change, Optional<UploadStatus> previous, Optional<byte[]> bytes,
                                     SettingsInForce.Current inForce) {
        if (bytes.isEmpty()) {
            return new Publisher.Result("superseded: the object has changed since this event", Optional.empty());
        }
        Article article;
        try {
            article = (isPage(change.key()) ? inForce.pages() : inForce.articles()).parse(change.key(), bytes.get());
        } catch (InvalidArticleException e) {
            return reject(change, previous, e.problems());
        }
        article = article.withImages(siteImages(article, change.key()));
        String path = article.path();
        Instant now = change.due().orElseGet(clock::instant);
        ArticleStatus status = Timing.status(article.metadata(), now);
        String hash = Sha256.hex(bytes.get());
        StoredArticle stored = null;
        Optional<Instant> replacedTime = Optional.empty();
        Set<String> showedBefore = Set.of();
        Optional<StoredArticle> takenOver = Optional.empty();
        // Its comments, read once: for its page, and for the count its listings' teasers will say, taken afresh so that an
        // article commented on before counts were kept, or while it was withdrawn, gets its count here.
        Discussion discussion = status == ArticleStatus.PUBLISHED && !article.metadata().page() ? discussions.discussion(path) : Discussion.NONE;
        for (int attempt = 1; stored == null; attempt++) {
            Optional<StoredArticle> current = articles.find(path);
            StoredArticle next;
            if (current.isEmpty()) {
                next = StoredArticle.first(StoredArticle.firstUpload(article, clock.instant()), status, change.key(), change.sequencer(), hash,
                        clock.instant());
            } else {
                StoredArticle c = current.get();
                boolean sameSource = c.sourceKey().equals(change.key());
                replacedTime = sameSource ? scheduledTime(c, now) : Optional.empty();
                showedBefore = sameSource ? c.article().siteImages() : Set.of();
                // A path moves to another file when its file is gone: a rename whose delete event is still on its way.
                if (!sameSource && c.status() != ArticleStatus.UNPUBLISHED && source.exists(change.bucket(), c.sourceKey())) {
                    return reject(change, previous, List.of(new Problem(article.metadata().path().equals((article.metadata().page()
                            ? SiteLayout.pagePath(article.metadata().slug()) : SiteLayout.articlePath(article.metadata().slug()))) ? "slug" : "url",
                            "'" + path + "' is already the address of " + c.sourceKey() + "; choose another slug or url")));
                }
                // What that file's article held goes with its file; a file whose article moved on to another address keeps it.
                takenOver = sameSource || (c.status() == ArticleStatus.UNPUBLISHED && source.exists(change.bucket(), c.sourceKey()))
                        ? Optional.empty() : current;
                if (sameSource && !change.isAfter(c.sequencer())) {
                    if (c.sequencer().equals(change.sequencer()) && c.contentHash().equals(hash)) {
                        stored = c;
                        break;
                    }
                    return new Publisher.Result("stale: a newer upload is already published", Optional.of(path));
                }
                // A takedown holds the address, whatever is uploaded to it, until it is lifted.
                next = c.next(sameSource ? c.revisedBy(article, hash, clock.instant()) : StoredArticle.firstUpload(article, clock.instant()),
                        c.status() == ArticleStatus.WITHDRAWN ? ArticleStatus.WITHDRAWN : status, change.key(), change.sequencer(), hash,
                        clock.instant());
            }
            next = next.counting(discussion.count());
            if (articles.save(next)) {
                stored = next;
            } else if (attempt == SAVE_ATTEMPTS) {
                throw new IllegalStateException("article " + path + " kept changing under us; retrying the event");
            }
        }
        StoredArticle published = stored;
        status = stored.status();
        // Before the page, which shows them; with what the file's article showed at its previous address, and what the file gone from
        // this address held.
        Set<String> showedAnywhere = new LinkedHashSet<>(showedBefore);
        previous.flatMap(UploadStatus::path).filter(old -> !old.equals(path)).flatMap(articles::find)
                .filter(old -> old.sourceKey().equals(change.key())).ifPresent(old -> showedAnywhere.addAll(old.article().siteImages()));
        siteImages.follow(change.bucket(), stored, showedAnywhere);
        takenOver.ifPresent(gone -> siteImages.letGo(change.bucket(), gone.sourceKey(), gone.article().siteImages(),
                path + " version " + published.version()));
        List<Problem> warnings = new ArrayList<>(article.warnings());
        if (status == ArticleStatus.PUBLISHED) {
            warnings.addAll(oldAddresses.published(stored, article.aliases(), previous.flatMap(UploadStatus::path)));
        } else {
            oldAddresses.withdrawn(path);
        }
        parallel.each(List.<Runnable>of(() -> project(published, discussion),
                () -> previous.flatMap(UploadStatus::path).filter(old -> !old.equals(path)).ifPresent(old -> unpublish(old, change)),
                () -> reports.published(change.bucket(), change.key(), warnings, clock.instant())), Runnable::run);
        // Its next time is set before the status record, so a crash before the record sets it again on the retry; a time
        // moved or taken out loses its schedule.
        Optional<Instant> next = Timing.nextChange(article.metadata(), now);
        next.ifPresent(at -> schedules.set(change.bucket(), change.key(), at));
        replacedTime.filter(old -> !next.equals(Optional.of(old))).ifPresent(old -> forget(change.bucket(), change.key(), path, old, now));
        uploads.record(new UploadStatus(change.key(), change.sequencer(), UploadStatus.of(status),
                Optional.of(path), warnings.stream().map(Problem::toString).toList(), clock.instant()));
        return new Publisher.Result(switch (status) {
            case PUBLISHED -> "published version " + stored.version() + next.map(at -> ", until it expires at " + at).orElse("");
            case SCHEDULED -> "embargoed until " + article.metadata().goesPublic() + ", version " + stored.version();
            case EXPIRED -> "expired at " + article.metadata().expires().orElseThrow() + ", version " + stored.version();
            case WITHDRAWN -> "kept withdrawn: its address is taken down, version " + stored.version();
            default -> "saved as draft, version " + stored.version();
        }, Optional.of(path), status == ArticleStatus.PUBLISHED ? Publisher.Counted.PUBLISHED : Publisher.Counted.NOTHING);
    }

    /**
     * What the site knows of the images the article shows. One not there yet notes that this file
     * waits for it, and the file is read again once it is ({@link AssetMirror}).
     */
    private Map<String, StoredImage> siteImages(Article article, String sourceKey) {
        Map<String, StoredImage> known = new ConcurrentHashMap<>();
        parallel.each(article.siteImages(), path -> images.find(path).or(() -> images.awaitedBy(path, sourceKey))
                .ifPresent(image -> known.put(path, image)));
        return known;
    }

    /** Reads the file's latest upload again, as at this moment: after its images arrived, or its takedown was lifted. */
    Publisher.Result readAgain(String bucket, String key) {
        // As at a moment, which orders it after the reading recorded, under the same configuration.
        return uploads.find(key).map(upload -> apply(SourceChange.due(bucket, key, upload.sequencer(), clock.instant())))
                .orElseGet(() -> new Publisher.Result("never handled", Optional.empty()));
    }

    /**
     * Reads the file again because its article's time came, as its schedule asks. A schedule may
     * fire twice, late, after its article moved or was deleted, or early by our clock: only a change
     * of status by the article's stored dates does anything. Otherwise the next time's schedule is
     * made sure of; and a fire within {@link #EARLY_FIRE} of that time, from a scheduler whose clock
     * runs ahead of ours, gets a schedule of its own as far past the time as it came before it, so
     * the article goes live then, never early and without the function waiting.
     */
    Publisher.Result due(String bucket, String key) {
        Publisher.Result result = dueOnce(bucket, key);
        // An upload of the file recorded while this fire read it (a refused one, which changes no status) made the reading
        // stale: the fire reads the file's state again, once, rather than leave the article's time passed unheeded.
        return stillDue(key) ? dueOnce(bucket, key) : result;
    }

    private boolean stillDue(String key) {
        Instant now = clock.instant();
        return uploads.find(key).flatMap(UploadStatus::path).flatMap(articles::find).filter(a -> a.sourceKey().equals(key))
                .filter(a -> a.status() != ArticleStatus.WITHDRAWN && Timing.status(a.article().metadata(), now) != a.status()).isPresent();
    }

    private Publisher.Result dueOnce(String bucket, String key) {
        Optional<UploadStatus> status = uploads.find(key);
        Optional<StoredArticle> stored = status.flatMap(UploadStatus::path).flatMap(articles::find)
                .filter(a -> a.sourceKey().equals(key));
        if (stored.isEmpty()) {
            return new Publisher.Result("nothing due: no article comes from this file", status.flatMap(UploadStatus::path));
        }
        StoredArticle current = stored.get();
        if (current.status() == ArticleStatus.WITHDRAWN) {
            return new Publisher.Result("nothing due: taken down", Optional.of(current.path()));
        }
        Instant now = clock.instant();
        if (Timing.status(current.article().metadata(), now) != current.status()) {
            return status.get().outcome().equals(UploadStatus.REJECTED) ? dueInForce(bucket, key, current, now)
                    : apply(SourceChange.due(bucket, key, status.get().sequencer(), now));
        }
        // A fire again after one cut short between storing the change and putting its images on the site finishes that.
        siteImages.follow(bucket, current, Set.of());
        Optional<Instant> next = Timing.nextChange(current.article().metadata(), now);
        next.ifPresent(at -> schedules.set(bucket, key, at));
        next.map(at -> Duration.between(now, at)).filter(early -> early.compareTo(EARLY_FIRE) <= 0)
                .ifPresent(early -> schedules.set(bucket, key, next.get().plus(early.multipliedBy(2)).plusSeconds(1)));
        return new Publisher.Result("nothing due: still " + current.status().value() + next.map(at -> ", until " + at).orElse(""),
                Optional.of(current.path()));
    }

    /**
     * The time of the version in force came, but the file's latest upload was refused, so reading the
     * file again would refuse it again: the stored version changes status by its own dates, as it
     * would have had the refused upload never come, and the upload's record keeps saying why it was
     * refused. Its aliases, which only the file names, come back with the next accepted upload.
     */
    private Publisher.Result dueInForce(String bucket, String key, StoredArticle current, Instant now) {
        ArticleStatus status = Timing.status(current.article().metadata(), now);
        Discussion discussion = status == ArticleStatus.PUBLISHED && !current.article().metadata().page()
                ? discussions.discussion(current.path()) : Discussion.NONE;
        StoredArticle next = current;
        for (int attempt = 1; next == current; attempt++) {
            StoredArticle read = attempt == 1 ? current : articles.find(current.path()).filter(a -> a.sourceKey().equals(key))
                    .orElseThrow(() -> new IllegalStateException("article " + current.path() + " moved while its time came; retrying the event"));
            if (read.status() == status || read.status() == ArticleStatus.WITHDRAWN || !read.sequencer().equals(current.sequencer())) {
                return new Publisher.Result("nothing due: a newer state was stored meanwhile", Optional.of(read.path()));
            }
            StoredArticle changed = read.next(read.article(), status, read.sourceKey(), read.sequencer(), read.contentHash(), clock.instant())
                    .counting(discussion.count());
            if (articles.save(changed)) {
                next = changed;
            } else if (attempt == SAVE_ATTEMPTS) {
                throw new IllegalStateException("article " + current.path() + " kept changing while its time came; retrying the event");
            }
        }
        if (status == ArticleStatus.PUBLISHED) {
            oldAddresses.published(next, List.of(), Optional.of(next.path()));
        } else {
            oldAddresses.withdrawn(next.path());
        }
        siteImages.follow(bucket, next, Set.of());
        project(next, discussion);
        Optional<Instant> after = Timing.nextChange(next.article().metadata(), now);
        after.ifPresent(at -> schedules.set(bucket, key, at));
        return new Publisher.Result(status.value() + " by its dates, version " + next.version()
                + ", though the file's latest upload was refused", Optional.of(next.path()),
                status == ArticleStatus.PUBLISHED ? Publisher.Counted.PUBLISHED : Publisher.Counted.NOTHING);
    }

    /**
     * The upgrade from a version without scheduled publishing, which published every article at
     * once and ignored expiry dates: each published article whose dates call for another status now
     * (dated in the future, or past its expiry) is read again as its schedule would, and each with a
     * time to come gets its schedule: by path, those after {@code after}, until {@code until}. Safe
     * to run again: a second run finds every article as its dates call for, and its schedule there.
     */
    Publisher.Progress scheduleTimes(String bucket, String after, Instant until) {
        Instant now = clock.instant();
        List<StoredArticle> timed = articles.published().stream()
                .filter(a -> a.path().compareTo(after) > 0)
                .filter(a -> Timing.status(a.article().metadata(), now) != ArticleStatus.PUBLISHED
                        || Timing.nextChange(a.article().metadata(), now).isPresent())
                .sorted(Comparator.comparing(StoredArticle::path)).toList();
        int done = parallel.prefixUntil(timed, Publisher.UPGRADE_CHUNK, a -> due(bucket, a.sourceKey()), until);
        return Publisher.Progress.of(timed, done, StoredArticle::path, after);
    }

    /**
     * The upgrade's second half, after {@link AssetMirror#sizeImagesUploadedBefore}: every published
     * article whose images now have sizes it does not show is read again. Safe to run again: an
     * article that shows them all is left alone. By path, those after {@code after}, until {@code until}.
     */
    Publisher.Progress showImageSizes(String bucket, String after, Instant until) {
        List<StoredArticle> withImages = publishedWithImagesAfter(after);
        List<StoredArticle> stale = parallel.map(withImages, a -> a.article().withImages(known(a.article())).equals(a.article())
                ? Optional.<StoredArticle>empty() : Optional.of(a)).stream().flatMap(Optional::stream).toList();
        int done = parallel.prefixUntil(stale, Publisher.UPGRADE_CHUNK, a -> readAgain(bucket, a.sourceKey()), until);
        return Publisher.Progress.of(stale, done, StoredArticle::path, after);
    }

    /**
     * The upgrade to held-back images: the images every published article shows are marked as shown
     * live, so that no embargo takes an image live pages show off the site, and any an embargo took
     * off already is put back. By path, those after {@code after}, until {@code until}; safe to run again.
     */
    Publisher.Progress showImagesLive(String bucket, String after, Instant until) {
        List<StoredArticle> withImages = publishedWithImagesAfter(after);
        int done = parallel.prefixUntil(withImages, Publisher.UPGRADE_CHUNK, a -> siteImages.follow(bucket, a, Set.of()), until);
        return Publisher.Progress.of(withImages, done, StoredArticle::path, after);
    }

    private List<StoredArticle> publishedWithImagesAfter(String after) {
        return articles.published().stream().filter(a -> a.path().compareTo(after) > 0)
                .filter(a -> !a.article().siteImages().isEmpty()).sorted(Comparator.comparing(StoredArticle::path)).toList();
    }

    /** What the site knows of the article's images now. */
    private Map<String, StoredImage> known(Article article) {
        Map<String, StoredImage> known = new ConcurrentHashMap<>();
        article.siteImages().forEach(path -> images.find(path).ifPresent(image -> known.put(path, image)));
        return known;
    }

    /** How early a schedule may fire by this function's clock and count as the scheduler's skew, not an older time's. */
    static final Duration EARLY_FIRE = Duration.ofSeconds(60);

    /**
     * Takes an article down at once (a legal takedown): its page becomes the withdrawn notice, its
     * old addresses stop answering, the edge caches drop the page, and the relate function takes it
     * out of every listing, feed, sitemap and related list, invalidating those pages too. It stays
     * withdrawn through later uploads of its file, or of another file to its address, until {@link
     * #lift}. Safe to repeat: a second run writes and invalidates again what the first may not have.
     *
     * @param article the article's path, or a slug: the article or static page of that slug
     */
    Publisher.Result takedown(String article) {
        settings.now(); // the notice shows the menus in force
        for (int attempt = 1; attempt <= SAVE_ATTEMPTS; attempt++) {
            StoredArticle current = takenDownTarget(article);
            StoredArticle withdrawn = current.status() == ArticleStatus.WITHDRAWN ? current
                    : current.next(current.article(), ArticleStatus.WITHDRAWN, current.sourceKey(), current.sequencer(),
                            current.contentHash(), clock.instant());
            if (withdrawn == current || articles.save(withdrawn)) {
                withdraw(withdrawn);
                // The file's record says so, if it names this article: a file renamed since publishes another path now.
                uploads.find(withdrawn.sourceKey()).filter(upload -> upload.path().equals(Optional.of(withdrawn.path())))
                        .ifPresent(upload -> uploads.record(new UploadStatus(upload.sourceKey(), upload.sequencer(), UploadStatus.WITHDRAWN,
                                Optional.of(withdrawn.path()), upload.problems(), clock.instant())));
                List<String> paths = SiteLayout.cachedPaths(SiteLayout.articleKey(withdrawn.path()));
                edge.invalidate(paths, "takedown " + withdrawn.path() + " version " + withdrawn.version());
                return new Publisher.Result((withdrawn == current ? "already taken down" : "taken down") + ", version "
                        + withdrawn.version() + "; invalidated " + String.join(" ", paths), Optional.of(withdrawn.path()));
            }
        }
        throw new IllegalStateException("article " + article + " kept changing under us; run the takedown again");
    }

    /**
     * Lifts a takedown: the article's file, if it is still there, is read again as an upload, and
     * published, scheduled or kept as a draft as its front matter says.
     */
    Publisher.Result lift(String bucket, String article) {
        for (int attempt = 1; attempt <= SAVE_ATTEMPTS; attempt++) {
            StoredArticle current = takenDownTarget(article);
            // Unpublished: a lift that stopped before it read the file; read it now.
            if (current.status() != ArticleStatus.WITHDRAWN && current.status() != ArticleStatus.UNPUBLISHED) {
                throw new IllegalArgumentException(current.path() + " is not taken down (it is " + current.status().value() + ")");
            }
            if (current.status() == ArticleStatus.UNPUBLISHED || articles.save(current.next(current.article(), ArticleStatus.UNPUBLISHED,
                    current.sourceKey(), current.sequencer(), current.contentHash(), clock.instant()))) {
                Publisher.Result read = readAgain(bucket, current.sourceKey());
                return new Publisher.Result("takedown lifted; its file: " + read.description(), Optional.of(current.path()), read.counted());
            }
        }
        throw new IllegalStateException("article " + article + " kept changing under us; lift the takedown again");
    }

    /** The stored article a takedown names by path or slug; refused with the reason if there is none. */
    private StoredArticle takenDownTarget(String article) {
        List<String> paths = article.startsWith("/") ? List.of(article)
                : List.of(SiteLayout.articlePath(article), SiteLayout.pagePath(article));
        for (String path : paths) {
            ArticlePaths.problem(path).ifPresent(problem -> {
                throw new IllegalArgumentException("'" + article + "' names no article: " + problem);
            });
            Optional<StoredArticle> found = articles.find(path);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new IllegalArgumentException("no article is stored at " + String.join(" or ", paths));
    }

    private Publisher.Result remove(SourceChange change, Optional<UploadStatus> previous) {
        if (source.exists(change.bucket(), change.key())) {
            return new Publisher.Result("ignored: uploaded again since; that upload's event publishes it", Optional.empty());
        }
        // The status record names the article; without one, the default path of the file name's slug is the best guess.
        String slug = Slugs.fromSourceKey(change.key());
        Optional<String> path = previous.flatMap(UploadStatus::path).or(() -> Optional.of(slug).filter(s -> !s.isEmpty())
                .map(isPage(change.key()) ? SiteLayout::pagePath : SiteLayout::articlePath));
        Optional<StoredArticle> unpublished = path.flatMap(p -> unpublish(p, change));
        unpublished.ifPresent(article -> siteImages.follow(change.bucket(), article, Set.of()));
        reports.clear(change.bucket(), change.key());
        uploads.record(new UploadStatus(change.key(), change.sequencer(), UploadStatus.REMOVED,
                previous.flatMap(UploadStatus::path), List.of(), clock.instant()));
        return new Publisher.Result(unpublished.isPresent() ? "unpublished" : "removed: nothing was published from it", path);
    }

    /** Withdraws the article at {@code path} if it came from the changed file; returns it as withdrawn if it did. */
    private Optional<StoredArticle> unpublish(String path, SourceChange change) {
        for (int attempt = 1; attempt <= SAVE_ATTEMPTS; attempt++) {
            Optional<StoredArticle> current = articles.find(path);
            if (current.isEmpty() || !current.get().sourceKey().equals(change.key())) {
                return Optional.empty();
            }
            StoredArticle c = current.get();
            ArticleStatus removed = c.status() == ArticleStatus.WITHDRAWN ? ArticleStatus.WITHDRAWN : ArticleStatus.UNPUBLISHED;
            if (c.status() == removed && c.sequencer().equals(change.sequencer())) {
                withdraw(c); // an earlier attempt stored it, perhaps without the page or with its redirects
                return Optional.of(c);
            }
            if (!change.isAfter(c.sequencer())) {
                return Optional.empty();
            }
            StoredArticle next = c.next(c.article(), removed, c.sourceKey(), change.sequencer(),
                    c.contentHash(), clock.instant());
            if (articles.save(next)) {
                withdraw(next);
                Instant now = clock.instant();
                scheduledTime(c, now).ifPresent(old -> forget(change.bucket(), change.key(), path, old, now));
                return Optional.of(next);
            }
        }
        throw new IllegalStateException("article " + path + " kept changing under us; retrying the event");
    }

    /** The time a stored article's schedule stands for: its next change by its dates, unless its file is gone. */
    private static Optional<Instant> scheduledTime(StoredArticle stored, Instant now) {
        return stored.status() == ArticleStatus.UNPUBLISHED ? Optional.empty() : Timing.nextChange(stored.article().metadata(), now);
    }

    /**
     * Deletes the file's schedule at {@code at}, a time its article no longer has. An upload of the
     * file stored meanwhile may have set that time again and made its schedule just before the
     * delete: the article is read after the delete, and the schedule made again if it needs it.
     */
    private void forget(String bucket, String key, String path, Instant at, Instant now) {
        schedules.delete(key, at);
        articles.find(path).filter(a -> a.sourceKey().equals(key)).flatMap(a -> scheduledTime(a, now)).filter(at::equals)
                .ifPresent(again -> schedules.set(bucket, key, again));
    }

    private void withdraw(StoredArticle unpublished) {
        oldAddresses.withdrawn(unpublished.path());
        project(unpublished, Discussion.NONE);
    }

    /** Writes the page the item calls for, with the article's related list as the relate function last stored it. */
    private void project(StoredArticle stored, Discussion discussion) {
        pages.write(stored, relatedLists.related(stored.path()), discussion);
    }

    /** Records why the upload was refused; the file keeps the article it published before, if any. */
    private Publisher.Result reject(SourceChange change, Optional<UploadStatus> previous, List<Problem> problems) {
        Optional<String> path = previous.flatMap(UploadStatus::path);
        reports.rejected(change.bucket(), change.key(), problems, clock.instant());
        uploads.record(new UploadStatus(change.key(), change.sequencer(), UploadStatus.REJECTED, path,
                problems.stream().map(Problem::toString).toList(), clock.instant()));
        return new Publisher.Result("rejected: " + problems.size() + " problem(s)", path, Publisher.Counted.REFUSED);
    }

    /** Warms an upload's path for a snapshot, writing nothing: parses and renders the sample article, reads its items. */
    void prime() {
        try {
            Article article = settings.standard().articles().parse(articlePrefix + SnapshotPriming.SLUG + ".md", SnapshotPriming.sampleArticle());
            StoredArticle stored = StoredArticle.first(article, ArticleStatus.PUBLISHED, "", "", "", clock.instant());
            pages.render(stored, relatedLists.related(stored.path()));
            articles.find(stored.path());
        } catch (InvalidArticleException e) {
            throw new IllegalStateException("the priming article is invalid: " + e.problems(), e);
        }
    }
}
