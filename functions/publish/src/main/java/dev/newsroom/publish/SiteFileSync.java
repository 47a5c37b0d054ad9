package dev.newsroom.publish;

import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.render.SiteFiles;
import dev.newsroom.core.settings.SiteSettings;
import dev.newsroom.core.site.SiteConfig;
import dev.newsroom.core.store.SiteBucket;
import java.util.Optional;

/**
 * Keeps the site's own files ({@link SiteFiles}: {@code robots.txt}, the icons, the web manifest,
 * {@code ads.txt}) in the site bucket as the configuration in force says: once per instance and
 * configuration, on the first event under it, writing only what differs, and at once when a new
 * {@code site.yaml} is put in force.
 */
final class SiteFileSync {

    private final SiteBucket site;
    private final SiteConfig config;
    private final Parallel parallel;
    /** The configuration's version last synced here (empty: the standard one); null before the first. Guarded by this. */
    private Optional<String> synced;

    SiteFileSync(SiteBucket site, SiteConfig config, Parallel parallel) {
        this.site = site;
        this.config = config;
        this.parallel = parallel;
    }

    /** Brings the files in step with {@code current}, unless this instance did so for its version already. */
    synchronized void sync(SettingsInForce.Current current) {
        if (current.version().equals(synced)) {
            return;
        }
        SiteSettings settings = current.settings();
        parallel.each(SiteFiles.of(config, settings.otherLanguages(), settings.adsTxt()),
                file -> site.putIfChanged(file.key(), file.content(), file.contentType()));
        if (settings.adsTxt().isEmpty()) {
            site.delete(SiteFiles.ADS); // taken out of the configuration, or never in it
        }
        synced = current.version();
    }
}
