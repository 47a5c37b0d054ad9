package dev.newsroom.core.site;

import dev.newsroom.core.config.ConfigurationException;
import dev.newsroom.core.config.Env;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The site every page belongs to: its public URL, name and language, and what the operator turned on.
 *
 * @param adSlots    the advertisement slots shown, from {@link #AD_SLOT_NAMES}; none unless configured
 * @param adScript   an https script the ad provider needs, loaded once, async
 * @param captcha    the captcha widget the comment form uses
 * @param adOrigins  the https origins the ad script loads further scripts and frames from, and talks to
 * @param analyticsScript an https script of the operator's analytics, loaded once, async, on every page; none unless configured
 * @param analyticsOrigins the https origins the analytics script sends its measurements to, beside its own
 */
public record SiteConfig(URI url, String name, String lang, ZoneId zone, Optional<String> logo,
                         Optional<String> twitter, Set<String> adSlots, Optional<URI> adScript, List<String> adOrigins, Captcha captcha,
                         Optional<URI> analyticsScript, List<String> analyticsOrigins) {

    /**
     * The comment form's captcha widget: the provider ({@code recaptcha}, {@code hcaptcha} or
     * {@code turnstile}), its public site key, and the script that provides it.
     */
    public record Captcha(String provider, String siteKey, URI script) {

        static Captcha of(String provider, String siteKey, Optional<URI> script) {
            String key = URLEncoder.encode(siteKey, StandardCharsets.UTF_8);
            URI standard = switch (provider) {
                case "recaptcha" -> URI.create("https://www.google.com/recaptcha/api.js?render=" + key);
                case "hcaptcha" -> URI.create("https://js.hcaptcha.com/1/api.js?render=explicit");
                case "turnstile" -> URI.create("https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit");
                default -> throw new ConfigurationException("CAPTCHA_PROVIDER must be recaptcha, hcaptcha or turnstile, not " + provider);
            };
            return new Captcha(provider, siteKey, script.orElse(standard));
        }
    }

    public static final Set<String> AD_SLOT_NAMES = Set.of("top", "in-article", "bottom");
    private static final Pattern HTTPS_ORIGIN = Pattern.compile("https://(\\*\\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})(:[0-9]{1,5})?");

    public SiteConfig {
        adSlots = Set.copyOf(adSlots);
        adOrigins = List.copyOf(adOrigins);
        analyticsOrigins = List.copyOf(analyticsOrigins);
    }

    public static SiteConfig from(Env env) {
        // The site's own domain when it has one, else the CDN's address.
        URI url = env.optional("SITE_URL").map(v -> httpUrl("SITE_URL", v))
                .orElseGet(() -> httpUrl("CDN_URL", env.require("CDN_URL")));
        String lang = env.optional("SITE_LANG", "en");
        if (!SiteLayout.isLanguageTag(lang)) {
            throw new ConfigurationException("SITE_LANG must be a language tag such as en or pt-BR, not " + lang);
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(env.optional("SITE_TIMEZONE", "UTC"));
        } catch (DateTimeException e) {
            throw new ConfigurationException("SITE_TIMEZONE is not a time zone: " + e.getMessage());
        }
        Set<String> slots = Arrays.stream(env.optional("AD_SLOTS", "").split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        if (!AD_SLOT_NAMES.containsAll(slots)) {
            throw new ConfigurationException("AD_SLOTS may name only " + AD_SLOT_NAMES + ", not " + slots);
        }
        return new SiteConfig(url, env.require("SITE_NAME"), lang, zone,
                env.optional("SITE_LOGO_URL").map(v -> httpUrl("SITE_LOGO_URL", v).toString()),
                env.optional("SITE_TWITTER").map(handle -> handle.startsWith("@") ? handle.substring(1) : handle),
                slots,
                env.optional("AD_SCRIPT_URL").map(v -> httpUrl("AD_SCRIPT_URL", v)),
                origins("AD_ORIGINS", env.optional("AD_ORIGINS", ""), false),
                Captcha.of(env.optional("CAPTCHA_PROVIDER", "recaptcha").toLowerCase(Locale.ROOT),
                        env.optional("CAPTCHA_SITE_KEY", ""),
                        env.optional("CAPTCHA_WIDGET_URL").map(v -> httpUrl("CAPTCHA_WIDGET_URL", v))),
                env.optional("ANALYTICS_SCRIPT_URL").map(v -> httpUrl("ANALYTICS_SCRIPT_URL", v)),
                origins("ANALYTICS_ORIGINS", env.optional("ANALYTICS_ORIGINS", ""), true));
    }

    /**
     * A comma-separated list of https origins as a Content-Security-Policy source names them; a path,
     * another scheme or a bare wildcard would open the policy wider than an operator means. Where the
     * origins may run scripts, each names its host: a wildcard over subdomains would also allow what
     * anyone hosts under a shared domain ({@code *.cloudfront.net}, {@code *.github.io}). Where they
     * only receive requests ({@code connect-src}), a wildcard is allowed, as GA4 needs
     * ({@code https://*.google-analytics.com}).
     */
    static List<String> origins(String name, String value, boolean wildcards) {
        List<String> origins = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String origin : origins) {
            if (!HTTPS_ORIGIN.matcher(origin).matches() || (!wildcards && origin.contains("*"))) {
                throw new ConfigurationException(name + " must list https origins such as https://stats.example.com"
                        + (wildcards ? " or https://*.example.com" : ", each its own host,") + " separated by commas; " + origin + " is not one");
            }
        }
        return origins;
    }

    /** The site's origin, as browsers send it in {@code Origin}: {@code https://news.example.com}. */
    public String origin() {
        return origin(url);
    }

    /** An address's origin: its scheme and authority. */
    public static String origin(URI address) {
        return address.getScheme() + "://" + address.getRawAuthority();
    }

    /** The absolute URL of a site path such as {@code /articles/x}. */
    public String absolute(String path) {
        return path.startsWith("https://") || path.startsWith("http://") ? path : url + path;
    }

    private static URI httpUrl(String name, String value) {
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new ConfigurationException(name + " must be an absolute http(s) URL, not " + value);
    }
}
