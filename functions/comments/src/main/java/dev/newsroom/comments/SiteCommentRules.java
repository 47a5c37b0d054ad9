package dev.newsroom.comments;

import dev.newsroom.core.settings.CommentSettings;
import dev.newsroom.core.settings.SiteSettings;
import dev.newsroom.core.store.SiteSettingsStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The comment rules {@code site.yaml} sets (pre-moderation, banned and suspect words), as the
 * publish function last accepted it, read again at most once a minute: an editor's change takes
 * hold within a minute, without a redeploy. If the configuration cannot be read, the rules last
 * read stay in force.
 */
final class SiteCommentRules {

    private static final Logger LOG = LoggerFactory.getLogger(SiteCommentRules.class);
    static final Duration FRESH_FOR = Duration.ofMinutes(1);

    /** The rules of one reading: the settings, and their word lists ready to match. */
    record Rules(CommentSettings settings, WordList banned, WordList suspect) {

        static Rules of(CommentSettings settings) {
            return new Rules(settings, new WordList(settings.bannedWords()), new WordList(settings.suspectWords()));
        }
    }

    private final SiteSettingsStore store;
    private final Clock clock;
    private volatile Rules rules = Rules.of(CommentSettings.NONE);
    private volatile Instant readAt = Instant.MIN;

    SiteCommentRules(SiteSettingsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Rules current() {
        Instant now = clock.instant();
        if (readAt.plus(FRESH_FOR).isBefore(now)) {
            try {
                rules = Rules.of(store.accepted().map(accepted -> SiteSettings.stored(accepted.yaml()).comments())
                        .orElse(CommentSettings.NONE));
            } catch (SdkException | IllegalStateException e) {
                LOG.atWarn().addKeyValue("reason", e.getClass().getSimpleName() + ": " + e.getMessage())
                        .log("the site configuration could not be read; the comment rules last read stay in force");
            }
            readAt = now;
        }
        return rules;
    }
}
