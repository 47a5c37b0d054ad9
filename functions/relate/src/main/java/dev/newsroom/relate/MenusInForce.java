package dev.newsroom.relate;

import dev.newsroom.core.render.Menus;
import dev.newsroom.core.settings.SiteSettings;
import dev.newsroom.core.store.SiteSettingsStore;
import java.util.Optional;

/**
 * The menus of the site configuration in force, which every page the function renders shows: read
 * as each batch starts (one small read), parsed again only when the configuration's version changes.
 */
final class MenusInForce {

    private record Known(Optional<String> version, Menus menus) {
    }

    private final SiteSettingsStore store;
    private volatile Known known = new Known(Optional.empty(), Menus.NONE);

    MenusInForce(SiteSettingsStore store) {
        this.store = store;
    }

    /** Reads the configuration in force again. */
    void refresh() {
        Optional<SiteSettingsStore.Accepted> accepted = store.accepted();
        Optional<String> version = accepted.map(SiteSettingsStore.Accepted::version);
        if (!version.equals(known.version())) {
            known = new Known(version, accepted.map(a -> SiteSettings.stored(a.yaml()).shellMenus()).orElse(Menus.NONE));
        }
    }

    /** The version of the configuration in force, or {@code standard} where none was ever accepted. */
    String version() {
        return known.version().orElse("standard");
    }

    Menus menus() {
        return known.menus();
    }
}
