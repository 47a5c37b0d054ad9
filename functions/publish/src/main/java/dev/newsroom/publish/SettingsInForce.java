package dev.newsroom.publish;

import dev.newsroom.core.render.Menus;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.settings.SiteSettings;
import dev.newsroom.core.store.SiteSettingsStore;
import java.util.Optional;

/**
 * The site configuration in force, read as an event starts and again once its article is stored,
 * and the parsers it makes: parsed again only when its version changes, so a warm function pays
 * two small reads for it.
 */
final class SettingsInForce {

    /** The configuration and its version (empty while the site has none), with parsers for articles and static pages under it. */
    record Current(Optional<String> version, SiteSettings settings, ArticleParser articles, ArticleParser pages) {
    }

    private final SiteSettingsStore store;
    private final ArticleParser standardParser;
    private volatile Current cached;

    SettingsInForce(SiteSettingsStore store, ArticleParser standardParser) {
        this.store = store;
        this.standardParser = standardParser;
        this.cached = standard();
    }

    Current now() {
        Optional<SiteSettingsStore.Accepted> accepted = store.accepted();
        Current known = cached;
        if (accepted.map(SiteSettingsStore.Accepted::version).equals(known.version())) {
            return known;
        }
        Current next = accepted.map(a -> of(Optional.of(a.version()), SiteSettings.stored(a.yaml()))).orElseGet(this::standard);
        cached = next;
        return next;
    }

    /** The menus of the configuration last read, which the pages an event renders show. */
    Menus menus() {
        return cached.settings().shellMenus();
    }

    Current standard() {
        return of(Optional.empty(), SiteSettings.STANDARD);
    }

    private Current of(Optional<String> version, SiteSettings settings) {
        ArticleParser articles = standardParser.under(settings.rules());
        return new Current(version, settings, articles, articles.forPages());
    }
}
