package dev.newsroom.core.render;

import dev.newsroom.core.site.SiteConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What every reader's page carries around its content: its style sheet, inline so the first paint
 * needs no second request, the analytics script where one is configured, and the
 * Content-Security-Policy that lets exactly the site's configured scripts run: its own, the
 * captcha provider's, the ad provider's and the analytics script. Nothing inline runs: the only
 * inline script is the structured data, which no browser executes, and the only inline style is
 * this sheet, allowed by its digest.
 */
public record PageShell(String style, String contentPolicy, Optional<String> analyticsScript) {

    /** The video players a body may embed ({@code dev.newsroom.core.article.MarkdownRenderer}). */
    static final List<String> VIDEO_PLAYERS = List.of("https://www.youtube-nocookie.com", "https://player.vimeo.com");

    static PageShell of(SiteConfig site) {
        String style = resource("page.css");
        return new PageShell(style, policy(site, "'sha256-" + base64Sha256(style) + "'"), site.analyticsScript().map(URI::toString));
    }

    /** The policy for {@code site}, whose inline style is allowed by {@code styleSource}. */
    static String policy(SiteConfig site, String styleSource) {
        Captcha captcha = Captcha.of(site.captcha());
        Set<String> scripts = new LinkedHashSet<>(List.of("'self'"));
        scripts.addAll(captcha.scripts());
        site.adScript().map(URI::toString).ifPresent(scripts::add);
        site.analyticsScript().map(URI::toString).ifPresent(scripts::add);
        // The ad provider's further scripts and frames, where the operator named their origins.
        List<String> ads = site.adScript().isPresent() ? site.adOrigins() : List.of();
        scripts.addAll(ads);
        Set<String> connects = new LinkedHashSet<>(List.of("'self'"));
        connects.addAll(captcha.connects());
        site.analyticsScript().map(SiteConfig::origin).ifPresent(connects::add);
        // Where the analytics script sends its measurements (GA4: its collection hosts), beside its own origin.
        site.analyticsScript().ifPresent(script -> connects.addAll(site.analyticsOrigins()));
        site.adScript().map(SiteConfig::origin).ifPresent(connects::add);
        connects.addAll(ads);
        Set<String> frames = new LinkedHashSet<>(VIDEO_PLAYERS);
        frames.addAll(captcha.frames());
        site.adScript().map(SiteConfig::origin).ifPresent(frames::add);
        frames.addAll(ads);
        Set<String> styles = new LinkedHashSet<>(List.of("'self'", styleSource));
        styles.addAll(captcha.styles());
        List<String> directives = new ArrayList<>();
        directives.add("default-src 'self'");
        directives.add("script-src " + String.join(" ", scripts));
        directives.add("style-src " + String.join(" ", styles));
        directives.add("img-src 'self' https: data:");
        directives.add("media-src 'self' https:");
        directives.add("connect-src " + String.join(" ", connects));
        directives.add("frame-src " + String.join(" ", frames));
        directives.add("object-src 'none'");
        directives.add("base-uri 'none'");
        directives.add("form-action 'self'");
        return String.join("; ", directives);
    }

    /**
     * The origins a captcha provider's widget loads from, as each provider documents them; a widget
     * served from elsewhere (the local stack's stand-in) adds its own script's address.
     */
    private record Captcha(List<String> scripts, List<String> frames, List<String> connects, List<String> styles) {
        static Captcha of(SiteConfig.Captcha captcha) {
            Captcha provider = switch (captcha.provider()) {
                case "recaptcha" -> new Captcha(List.of("https://www.google.com/recaptcha/", "https://www.gstatic.com/recaptcha/"),
                        List.of("https://www.google.com/recaptcha/", "https://recaptcha.google.com/recaptcha/"),
                        List.of("https://www.google.com/recaptcha/"), List.of());
                case "hcaptcha" -> new Captcha(List.of("https://hcaptcha.com", "https://*.hcaptcha.com"),
                        List.of("https://hcaptcha.com", "https://*.hcaptcha.com"), List.of("https://hcaptcha.com", "https://*.hcaptcha.com"),
                        List.of("https://hcaptcha.com", "https://*.hcaptcha.com"));
                default -> new Captcha(List.of("https://challenges.cloudflare.com"), List.of("https://challenges.cloudflare.com"),
                        List.of(), List.of());
            };
            List<String> scripts = new ArrayList<>(provider.scripts());
            String widget = SiteConfig.origin(captcha.script()) + captcha.script().getRawPath();
            if (provider.scripts().stream().noneMatch(widget::startsWith) && !widget.contains("*")) {
                scripts.add(widget);
            }
            return new Captcha(scripts, provider.frames(), provider.connects(), provider.styles());
        }
    }

    private static String base64Sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = PageShell.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the page's " + name + " is missing from the jar", e);
        }
    }
}
