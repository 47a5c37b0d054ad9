package dev.newsroom.publish;


import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsroom.local.LocalAws;
import dev.newsroom.local.LocalAwsExtension;
import dev.newsroom.local.LocalAwsExtension.LocalStack;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The handler built only from environment variables, as Lambda builds it, publishes end to end. */
@ExtendWith(LocalAwsExtension.class)
class HandlerFromEnvironmentTest {

    private final LocalStack stack;

    HandlerFromEnvironmentTest(LocalStack stack) {
        this.stack = stack;
    }

    @Test
    void buildsItsClientsFromTheEnvironmentAlone() {
        Map<String, String> env = new HashMap<>(PublishWorld.environment(stack.names()));
        env.putAll(Map.of(
                "AWS_ACCESS_KEY_ID", LocalAws.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", LocalAws.SECRET_KEY,
                "AWS_ENDPOINT_URL_S3", stack.aws().s3Endpoint().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", stack.aws().dynamoEndpoint().toString(),
                "S3_FORCE_PATH_STYLE", "true"));
        PublishHandler handler = new PublishHandler(env);
        PublishWorld world = new PublishWorld(stack.aws(), stack.names());
        String key = "articles/" + world.id + "-from-env.md";

        world.handle(handler, world.upload(key, PublishWorld.article("From the environment", "")));

        assertEquals("From the environment",
                Jsoup.parse(world.page(world.id + "-from-env").orElseThrow()).selectFirst("h1").text());
    }
}
