package dev.newsroom.comments;

import dev.newsroom.core.config.Env;
import dev.newsroom.core.site.SiteConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The moderation digest's configuration, read once at init from the variables template.yaml sets.
 *
 * @param topicArn    the stack's moderation topic, which moderators' emails subscribe to
 * @param snsEndpoint where SNS is, when not on AWS ({@code AWS_ENDPOINT_URL_SNS}: the local outbox)
 * @param every       how often the digest is sent: the schedule's rate
 */
record DigestConfig(SiteConfig site, String commentsTable, String topicArn, Optional<URI> snsEndpoint, Duration every) {

    static DigestConfig from(Env env) {
        return new DigestConfig(SiteConfig.from(env), env.require("COMMENTS_TABLE"), env.require("MODERATION_TOPIC_ARN"),
                env.optional("AWS_ENDPOINT_URL_SNS").map(URI::create),
                Duration.ofMinutes(Long.parseLong(env.require("DIGEST_EVERY_MINUTES"))));
    }

    URI desk() {
        return URI.create(site.url() + "/desk/");
    }
}
