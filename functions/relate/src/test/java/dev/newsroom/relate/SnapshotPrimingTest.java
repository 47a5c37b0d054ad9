package dev.newsroom.relate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.local.LocalAwsExtension;
import dev.newsroom.local.LocalAwsExtension.LocalStack;
import dev.newsroom.local.RequestLog;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SnapStart's priming: a change's path reads the index, an article and its page, renders the site's pages, and writes nothing. */
@ExtendWith(LocalAwsExtension.class)
class SnapshotPrimingTest {

    private final LocalStack stack;

    SnapshotPrimingTest(LocalStack stack) {
        this.stack = stack;
    }

    @Test
    void primesByReadingTheIndexOnly() {
        RequestLog log = new RequestLog();
        var config = RelateConfig.from(new dev.newsroom.core.config.Env(RelateWorld.environment(stack.names())));
        Relater.create(config, stack.aws().s3(List.of(log)), stack.aws().dynamoDb(List.of(log)), Clock.systemUTC()).prime();
        assertTrue(log.onlyRead(), log::toString);
        assertTrue(log.requests().containsAll(List.of("QueryRequest", "GetItemRequest", "HeadObjectRequest")), log::toString);
    }
}
