package dev.newsroom.stack;

import java.io.IOException;
import dev.newsroom.core.site.SiteLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Whether the live site bucket holds exactly what {@code ./newsroom export} renders from the same
 * files: the check that a site has converged, used by the bulk benchmark and the failure scenarios.
 */
public final class ExportComparison {

    private ExportComparison() {
    }

    /** The export's files, by key in the site bucket, with their MD5 (S3's ETag of a single-part object). */
    public record Expected(Path dir, Map<String, String> md5, String captchaWidget, String localCaptchaWidget, String policy) {

        public static Expected of(Path dir, URI site) throws IOException {
            Map<String, String> md5 = new TreeMap<>();
            String widget = null;
            String policy = null;
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String key = dir.relativize(f).toString().replace('\\', '/');
                    byte[] bytes = Files.readAllBytes(f);
                    md5.put(key, ExportComparison.md5(bytes));
                    // An article page's, wherever the site's permalinks put its articles.
                    if (widget == null && key.endsWith(".html")) {
                        Matcher m = CAPTCHA_WIDGET.matcher(new String(bytes, StandardCharsets.UTF_8));
                        widget = m.find() ? m.group() : null;
                    }
                    if (policy == null && key.endsWith(".html")) {
                        Matcher m = CONTENT_POLICY.matcher(new String(bytes, StandardCharsets.UTF_8));
                        policy = m.find() ? m.group() : null;
                    }
                }
            }
            String local = "<script src=\"" + site.toString().replaceAll("/$", "") + "/_local/captcha.js\" async defer></script>";
            return new Expected(dir, md5, widget, local, policy);
        }

        public List<String> articleSlugs() {
            return md5.keySet().stream().filter(k -> k.startsWith("articles/") && k.endsWith(".html"))
                    .map(k -> k.substring("articles/".length(), k.length() - ".html".length())).sorted().toList();
        }

        public String page(String key) throws IOException {
            return Files.readString(dir.resolve(key));
        }

        /**
         * What legitimately differs between a live page and the export's, made the same. Found by running it
         * and diffing every page (see docs/benchmarks.md); only this:
         * <ul>
         *   <li>The comment form's captcha widget script: the local stack gives the functions
         *       {@code CAPTCHA_WIDGET_URL} = the front's {@code /_local/captcha.js}, its stand-in for the
         *       provider's widget, while the export renders the provider's own from template.yaml.</li>
         *   <li>The page's Content-Security-Policy, which names that stand-in's address among the scripts it allows.</li>
         * </ul>
         * Nothing else needs it: feeds' {@code <updated>}, sitemaps' {@code lastmod} and Google News' window come
         * from the articles' dates (the corpus is dated 2021 to 2024, so the news sitemap is empty on both sides),
         * and no page carries a render or upload time.
         */
        public String normalised(String live) {
            String page = captchaWidget == null ? live : live.replace(localCaptchaWidget, captchaWidget);
            return policy == null ? page : CONTENT_POLICY.matcher(page).replaceFirst(Matcher.quoteReplacement(policy));
        }
    }

    private static final Pattern CAPTCHA_WIDGET = Pattern.compile("<script src=\"[^\"]*(?:captcha|turnstile)[^\"]*\" async defer></script>");
    private static final Pattern CONTENT_POLICY = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"[^\"]*\">");

    /** One comparison: the keys that differ (content), are missing from the live bucket, or are there in excess. */
    public record Comparison(Map<String, String> differing, Map<String, Integer> totals, String exampleKey, String exampleDiff) {
        public boolean equal() {
            return differing.isEmpty();
        }
    }

    /**
     * Compares the site bucket with the export through S3: one listing for every key and ETag, and a GET of a
     * page only when its ETag differs from the export's and has changed since it was last fetched (so a round
     * during the relate function's work fetches only what it rewrote).
     */
    public static final class SiteComparison {
        private final S3Client s3;
        private final String bucket;
        private final Expected expected;
        /** Key → the live ETag last fetched, and whether that page equalled the export's once normalised. */
        private final Map<String, Map.Entry<String, Boolean>> fetched = new HashMap<>();
        private final URI front;
        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        /** @param front the site as readers reach it (the local front, playing the edge), which answers a redirected address with 301 */
        public SiteComparison(S3Client s3, String bucket, Expected expected, URI front) {
            this.s3 = s3;
            this.bucket = bucket;
            this.expected = expected;
            this.front = front;
        }

        /**
         * Whether readers reach the page at {@code key} at all: the edge answers an old address with its
         * redirect before the bucket, so the withdrawn notice an article left there when it moved (an
         * export has none) is never served.
         */
        private boolean served(String key) throws IOException {
            if (!key.endsWith(".html")) {
                return true;
            }
            try {
                URI address = front.resolve(SiteLayout.cachedPaths(key).get(0));
                int status = http.send(HttpRequest.newBuilder(address).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                return status != 301;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while asking the front for " + key, e);
            }
        }

        public Comparison round() throws IOException {
            Map<String, String> live = new HashMap<>();
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
                if (o.key().endsWith("/")) {
                    continue;   // S3Proxy's file system store lists its folders too
                }
                // An object being written can be listed without its ETag yet: it is then fetched.
                live.put(o.key(), o.eTag() == null ? "" : o.eTag().replace("\"", ""));
            }
            Map<String, String> differing = new TreeMap<>();
            for (var e : expected.md5().entrySet()) {
                String key = e.getKey();
                String etag = live.remove(key);
                if (etag == null) {
                    differing.put(key, "missing");
                } else if (!etag.equals(e.getValue()) && !equalOnceNormalised(key, etag)) {
                    differing.put(key, "differs");
                }
            }
            for (String key : live.keySet()) {
                if (served(key)) {
                    differing.put(key, "extra");
                }
            }
            // The example: an article page if one differs (the related lists are what a reader sees first), else any.
            String exampleKey = differing.entrySet().stream().filter(d -> d.getValue().equals("differs"))
                    .map(Map.Entry::getKey).min(java.util.Comparator.comparing((String k) -> !k.startsWith("articles/")).thenComparing(k -> k))
                    .orElse(differing.isEmpty() ? null : differing.keySet().iterator().next());
            String diff = exampleKey == null || !differing.get(exampleKey).equals("differs") ? null
                    : diff(expected.page(exampleKey), expected.normalised(get(exampleKey).asUtf8String()));
            Map<String, Integer> totals = new TreeMap<>();
            expected.md5().keySet().forEach(k -> totals.merge(kind(k), 1, Integer::sum));
            return new Comparison(differing, totals, exampleKey, diff);
        }

        private boolean equalOnceNormalised(String key, String etag) throws IOException {
            var known = fetched.get(key);
            if (known != null && known.getKey().equals(etag)) {
                return known.getValue();
            }
            ResponseBytes<GetObjectResponse> page = get(key);
            boolean equal = expected.normalised(page.asUtf8String()).equals(expected.page(key));
            fetched.put(key, Map.entry(page.response().eTag().replace("\"", ""), equal));
            return equal;
        }

        private ResponseBytes<GetObjectResponse> get(String key) {
            return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key));
        }
    }

    /** The lines between the longest common beginning and end, the export's with "-", the live page's with "+", a few of each. */
    public static String diff(String expected, String live) {
        List<String> a = expected.lines().toList();
        List<String> b = live.lines().toList();
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        StringBuilder out = new StringBuilder("@@ line " + (head + 1) + " @@\n");
        appendLines(out, "- ", a.subList(head, a.size() - tail));
        appendLines(out, "+ ", b.subList(head, b.size() - tail));
        return out.toString();
    }

    private static void appendLines(StringBuilder out, String mark, List<String> lines) {
        int shown = Math.min(lines.size(), 12);
        for (String l : lines.subList(0, shown)) {
            out.append(mark).append(l.length() > 160 ? l.substring(0, 160) + "…" : l).append('\n');
        }
        if (lines.size() > shown) {
            out.append(mark).append("… (").append(lines.size() - shown).append(" more lines)\n");
        }
    }

    public static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What kind of page a key is, for the report. */
    public static String kind(String key) {
        if (key.startsWith("articles/")) {
            return "article pages";
        }
        if (key.equals("feed.xml") || key.endsWith("/feed.xml")) {
            return "feeds";
        }
        if (key.equals("sitemap.xml") || key.equals("news-sitemap.xml") || key.startsWith("sitemaps/")) {
            return "sitemaps";
        }
        if (key.equals("404.html")) {
            return "404";
        }
        if (key.startsWith("assets/")) {
            return "assets";
        }
        return "listing pages";
    }
}
