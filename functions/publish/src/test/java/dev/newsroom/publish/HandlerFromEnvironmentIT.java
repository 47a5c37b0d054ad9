package dev.newsroom.publish;


import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsroom.testkit.LocalServices;
import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The handler built only from environment variables, as Lambda builds it, publishes end to end. */
@ExtendWith(LocalServicesExtension.class)
class HandlerFromEnvironmentIT {

    private final Provisioned local;

    HandlerFromEnvironmentIT(Provisioned local) {
        this.local = local;
    }

    @Test
    void buildsItsClientsFromTheEnvironmentAlone() {
        PublishWorld world = new PublishWorld(local.services(), local.names());
        Map<String, String> env = new HashMap<>(PublishWorld.environment(local.names(), world.scheduler.url(), world.cloudFront.url()));
        env.putAll(Map.of(
                "AWS_ACCESS_KEY_ID", LocalServices.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", LocalServices.SECRET_KEY,
                "AWS_ENDPOINT_URL_S3", local.services().s3Endpoint().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", local.services().dynamoEndpoint().toString(),
                "S3_FORCE_PATH_STYLE", "true"));
        PublishHandler handler = new PublishHandler(env);
        String key = "articles/" + world.id + "-from-env.md";

        world.handle(handler, world.upload(key, PublishWorld.article("From the environment", "")));

        assertEquals("From the environment",
                Jsoup.parse(world.page(world.id + "-from-env").orElseThrow()).selectFirst("h1").text());
    }
}
