package dev.newsroom.core.aws;

import dev.newsroom.core.config.Env;
import dev.newsroom.core.hash.Sha256;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/**
 * Removes pages from the distribution's edge caches at once, for a takedown: every other change
 * reaches readers through the pages' short cache lifetimes (docs/site-pages.md), but a page taken
 * down must not be served for a minute more, nor for {@code stale-if-error}'s day if the origin
 * fails meanwhile. Also for an image an embargo holds back, whose copy assets' year-long lifetime
 * would keep, or puts back, whose "not found" the edge keeps for a minute. The paths of one occasion go in one invalidation; past {@link #MAX_PATHS} they go
 * as one wildcard, which CloudFront counts as one path.
 */
public interface EdgeInvalidations {

    /** More paths than CloudFront lets one distribution have in progress at once (3,000) would be refused. */
    int MAX_PATHS = 1_000;

    /**
     * Invalidates {@code paths} (absolute request paths). {@code occasion} names what asked for it
     * (a takedown and its article's version): the same occasion and paths again, as a retried event
     * sends them, make no second invalidation.
     */
    void invalidate(Collection<String> paths, String occasion);

    /** No distribution: a benchmark's, whose pages no edge holds. */
    EdgeInvalidations NONE = (paths, occasion) -> {
    };

    /** The distribution {@code DISTRIBUTION_ID} names, at {@code AWS_ENDPOINT_URL_CLOUDFRONT} when not on AWS. */
    static EdgeInvalidations from(Env env, AwsClients clients) {
        String distribution = env.require("DISTRIBUTION_ID");
        var builder = CloudFrontClient.builder().httpClient(clients.http()).region(Region.AWS_GLOBAL)
                .credentialsProvider(clients.credentials());
        env.optional("AWS_ENDPOINT_URL_CLOUDFRONT").map(URI::create).ifPresent(builder::endpointOverride);
        return of(builder.build(), distribution);
    }

    static EdgeInvalidations of(CloudFrontClient cloudFront, String distributionId) {
        return (paths, occasion) -> {
            List<String> batch = batch(paths);
            if (batch.isEmpty()) {
                return;
            }
            cloudFront.createInvalidation(r -> r.distributionId(distributionId).invalidationBatch(b -> b
                    .callerReference(callerReference(batch, occasion)).paths(p -> p.quantity(batch.size()).items(batch))));
        };
    }

    /** The paths to send, escaped as browsers request them: each once, in order, or the wildcard for them all. */
    static List<String> batch(Collection<String> paths) {
        TreeSet<String> unique = new TreeSet<>();
        paths.forEach(path -> unique.add(escaped(path)));
        return unique.size() > MAX_PATHS ? List.of("/*") : List.copyOf(unique);
    }

    /**
     * A path as a browser requests it, which is how the edge caches it: UTF-8, with upper-case
     * escapes for all but RFC 3986's unreserved characters and its sub-delimiters; and {@code *}
     * escaped, which CloudFront would take for a wildcard.
     */
    static String escaped(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && c != '*' && c != '%' && (Character.isLetterOrDigit(c) || "/-._~!$&'()+,;=:@".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
            }
        }
        return out.toString();
    }

    /** Upper-case hex digits, as browsers escape and the redirects store keeps paths. */
    String HEX = "0123456789ABCDEF";

    /** The same for the same paths on the same occasion, so that CloudFront takes a repeat for the invalidation it made. */
    static String callerReference(List<String> batch, String occasion) {
        return Sha256.hex(occasion + "\n" + String.join("\n", batch)).substring(0, 40);
    }
}
