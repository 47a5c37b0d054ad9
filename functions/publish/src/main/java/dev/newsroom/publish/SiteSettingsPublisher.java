package dev.newsroom.publish;

import dev.newsroom.core.store.ShellMarker;
import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.article.Problem;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.settings.SiteSettings;
import dev.newsroom.core.store.ArticleStore;
import dev.newsroom.core.store.SiteSettingsStore;
import dev.newsroom.core.store.SourceBucket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Optional;

/**
 * Puts an uploaded {@code site.yaml} in force, or refuses it with a report and keeps the one before.
 * A configuration that changes articles (a section's permalink pattern, a shortcode or parameter
 * their bodies use) publishes exactly those again under it, through the same path as an upload, so an
 * article whose address changes keeps its old one as a redirect, and the relate function brings
 * listings, feeds and sitemaps up to date from their stream records. A configuration that changes
 * what every page shows (its menus) asks the relate function for every page again ({@link
 * ShellMarker}). Deleting the file restores the
 * standard configuration. An event delivered again, or retried after a crash half-way, finishes the
 * work and does nothing twice (A1–A3).
 */
final class SiteSettingsPublisher {

    /** Written in place of a deleted configuration: the standard one. */
    static final String NONE = "{}";

    private final SiteSettingsStore store;
    private final SourceBucket source;
    private final ArticleStore articles;
    private final ArticlePublisher publisher;
    private final OldAddresses oldAddresses;
    private final PublishReports reports;
    private final ShellMarker shell;
    private final Parallel republishing;
    private final Clock clock;

    SiteSettingsPublisher(SiteSettingsStore store, SourceBucket source, ArticleStore articles, ArticlePublisher publisher,
                          OldAddresses oldAddresses, PublishReports reports, ShellMarker shell, Parallel republishing, Clock clock) {
        this.store = store;
        this.source = source;
        this.articles = articles;
        this.publisher = publisher;
        this.oldAddresses = oldAddresses;
        this.reports = reports;
        this.shell = shell;
        this.republishing = republishing;
        this.clock = clock;
    }

    boolean handles(String key) {
        return key.equals(SiteSettings.KEY);
    }

    Publisher.Result apply(SourceChange change) {
        Optional<SiteSettingsStore.Status> status = store.status();
        boolean unfinished = status.filter(s -> s.sequencer().equals(change.sequencer()) && s.outcome().equals(SiteSettingsStore.APPLYING))
                .isPresent();
        if (status.isPresent() && !change.isAfter(status.get().sequencer()) && !unfinished) {
            return new Publisher.Result("already handled", Optional.empty());
        }
        String yaml;
        if (change.created()) {
            Optional<byte[]> bytes = source.read(change.bucket(), change.key(), change.eTag(), SiteSettings.MAX_BYTES + 1);
            if (bytes.isEmpty()) {
                return new Publisher.Result("superseded: the object has changed since this event", Optional.empty());
            }
            try {
                SiteSettings.read(bytes.get());
            } catch (InvalidArticleException e) {
                reports.rejected(change.bucket(), change.key(), e.problems(), clock.instant());
                store.refuse(change.sequencer(), e.problems().stream().map(Problem::toString).toList(), clock.instant());
                return new Publisher.Result("rejected: " + e.problems().size() + " problem(s); the configuration before stays in force",
                        Optional.empty(), Publisher.Counted.REFUSED);
            }
            yaml = new String(bytes.get(), StandardCharsets.UTF_8);
        } else {
            yaml = NONE;
        }
        String replaced = unfinished ? status.get().replacing().orElse(NONE)
                : status.flatMap(SiteSettingsStore.Status::accepted).map(SiteSettingsStore.Accepted::yaml).orElse(NONE);
        if (!store.apply(change.sequencer(), yaml, replaced, clock.instant())) {
            return new Publisher.Result("stale: a newer site.yaml is already recorded", Optional.empty());
        }
        SiteSettings before = SiteSettings.stored(replaced);
        SiteSettings after = SiteSettings.stored(yaml);
        List<Problem> leftOut = oldAddresses.configured(before.redirects(), after.redirects());
        Republished republished = republish(change.bucket(), before, after);
        boolean everyPage = !before.shellMenus().equals(after.shellMenus());
        if (everyPage) {
            // Every page shows the menus: the relate function renders them all, from the marker's stream record.
            shell.bump(change.sequencer());
        }
        reports.published(change.bucket(), change.key(), leftOut, clock.instant());
        store.applied(change.sequencer(), yaml, clock.instant());
        publisher.syncSiteFiles();
        return new Publisher.Result("in force; " + republished.articles() + " article(s) published again under it"
                + (republished.refused() == 0 ? "" : "; " + republished.refused() + " refused file(s) read again")
                + (everyPage ? "; every page asked for again, with its new menus" : "")
                + (leftOut.isEmpty() ? "" : "; " + leftOut.size() + " redirect(s) left out"), Optional.empty());
    }

    /**
     * Publishes again every stored article that the new configuration changes, and then reads again
     * every file refused under the one before, which this one may accept: in a bulk upload whose
     * {@code site.yaml} lands after its articles, two files that claimed one address under the
     * standard permalinks, one refused, each have their own under the site's (A23). Returns how many
     * of each.
     */
    private Republished republish(String bucket, SiteSettings before, SiteSettings after) {
        if (before.equals(after)) {
            return new Republished(0, 0);
        }
        List<StoredArticle> published = articles.published();
        List<StoredArticle> changed = published.stream()
                .filter(a -> after.changes(before, a.sourceKey(), a.article().siteSettingsUsed(), !publisher.isPage(a.sourceKey())))
                .toList();
        republishing.each(changed, article -> publisher.republish(bucket, article.sourceKey()));
        // After the articles moved, so that the addresses they left are free.
        List<String> refused = publisher.refusedFiles(bucket, published.stream().map(StoredArticle::sourceKey).collect(Collectors.toSet()));
        republishing.each(refused, key -> publisher.republish(bucket, key));
        return new Republished(changed.size(), refused.size());
    }

    private record Republished(int articles, int refused) {
    }
}
