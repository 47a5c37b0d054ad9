package dev.newsroom.comments;

import dev.newsroom.core.config.ConfigurationException;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.site.SiteConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The comments function's configuration, read once at init from the variables {@code template.yaml} sets.
 *
 * @param allowedOrigins   the site's origin and any others allowed to post (H5)
 * @param autoApprove      moderation policy: true approves comments with a high enough score and no links
 * @param closeAfter       comments close this long after publication; zero never closes them
 * @param withoutCaptchaPerMinute how many comments a client may post a minute from the form without script (no captcha)
 * @param reportsPerMinute how many reports a reader may send a minute
 * @param reportsToQueue   how many readers' reports put an approved comment in the reported queue
 * @param deskSignIn       where the desk's staff sign in (the user pool's domain), and its client, {@code deskClientId}
 */
record CommentsConfig(SiteConfig site, String articlesTable, String commentsTable, String clientLimitsTable, String uploadsTable,
                      Set<String> allowedOrigins, CaptchaPolicy captcha, URI siteverifyUrl, String captchaSiteKey,
                      Set<String> staffNames, boolean autoApprove, double autoApproveScore, int maxLinks,
                      Duration closeAfter, int ratePerMinute, int withoutCaptchaPerMinute, int reportsPerMinute, int reportsToQueue,
                      URI deskSignIn, String deskClientId) {

    static CommentsConfig from(Env env) {
        SiteConfig site = SiteConfig.from(env);
        Set<String> origins = new LinkedHashSet<>();
        origins.add(site.origin());
        origins.addAll(list(env.optional("ALLOWED_ORIGINS", "")));
        CaptchaProvider provider = CaptchaProvider.of(site.captcha().provider());
        Set<String> hostnames = list(env.optional("CAPTCHA_HOSTNAMES", ""));
        if (hostnames.isEmpty()) {
            hostnames = Set.of(site.url().getHost());
        }
        String moderation = env.optional("MODERATION", "auto");
        if (!moderation.equals("auto") && !moderation.equals("manual")) {
            throw new ConfigurationException("MODERATION must be auto or manual, not " + moderation);
        }
        return new CommentsConfig(site,
                env.require("ARTICLES_TABLE"),
                env.require("COMMENTS_TABLE"),
                env.require("CLIENT_LIMITS_TABLE"),
                env.require("UPLOADS_TABLE"),
                origins,
                new CaptchaPolicy(provider, hostnames, env.optional("CAPTCHA_ACTION", "comment"),
                        Double.parseDouble(env.optional("CAPTCHA_MIN_SCORE", "0.5")), Duration.ofMinutes(5)),
                Optional.of(env.optional("CAPTCHA_VERIFY_URL", "")).filter(s -> !s.isEmpty()).map(URI::create)
                        .orElse(provider.endpoint()),
                site.captcha().siteKey(),
                staffNames(site, env.optional("STAFF_NAMES", "")),
                moderation.equals("auto"),
                Double.parseDouble(env.optional("AUTO_APPROVE_SCORE", "0.7")),
                Integer.parseInt(env.optional("MAX_LINKS", "2")),
                Duration.ofDays(Long.parseLong(env.optional("COMMENTS_CLOSE_AFTER_DAYS", "0"))),
                Integer.parseInt(env.optional("RATE_LIMIT_PER_MINUTE", "5")),
                Integer.parseInt(env.optional("RATE_LIMIT_WITHOUT_CAPTCHA_PER_MINUTE", "1")),
                Integer.parseInt(env.optional("REPORTS_PER_MINUTE", "5")),
                Integer.parseInt(env.optional("REPORTS_TO_QUEUE", "3")),
                URI.create(env.require("DESK_SIGN_IN_URL")),
                env.require("DESK_CLIENT_ID"));
    }

    /** Names readers may not comment under, out of the box: these, the site's name, and the configured ones. */
    static final Set<String> DEFAULT_STAFF_NAMES = Set.of("admin", "administrator", "editor", "moderator", "staff");

    private static Set<String> staffNames(SiteConfig site, String configured) {
        Set<String> names = new LinkedHashSet<>(DEFAULT_STAFF_NAMES);
        names.add(site.name());
        names.addAll(list(configured));
        return names;
    }

    private static Set<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
