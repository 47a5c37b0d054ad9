package dev.newsroom.redirects;

import dev.newsroom.core.config.Env;
import java.net.URI;

/**
 * The redirects function's configuration, read once at init.
 *
 * @param storeArn the edge's key-value store ({@code template.yaml}'s {@code SiteRedirects})
 * @param endpoint where its API answers: the store's account's endpoint on AWS, or
 *                 {@code AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE} (the SDK's name for it) locally
 */
public record RedirectsConfig(String storeArn, URI endpoint) {

    public static RedirectsConfig from(Env env) {
        String arn = env.require("REDIRECTS_STORE_ARN");
        return new RedirectsConfig(arn, env.optional("AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE").map(URI::create)
                .orElseGet(() -> KeyValueStoreClient.endpointOf(arn)));
    }
}
