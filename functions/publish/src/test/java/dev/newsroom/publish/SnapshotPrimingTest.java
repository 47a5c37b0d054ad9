package dev.newsroom.publish;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.local.LocalAwsExtension;
import dev.newsroom.local.LocalAwsExtension.LocalStack;
import dev.newsroom.local.RequestLog;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SnapStart's priming: the upload path runs end to end on the sample article, and only reads. */
@ExtendWith(LocalAwsExtension.class)
class SnapshotPrimingTest {

    private final LocalStack stack;
    private final PublishWorld world;

    SnapshotPrimingTest(LocalStack stack) {
        this.stack = stack;
        this.world = new PublishWorld(stack.aws(), stack.names());
    }

    @Test
    void primesByRenderingTheSampleAndReadingOnly() {
        RequestLog log = new RequestLog();
        Publisher.create(world.config, stack.aws().s3(List.of(log)), stack.aws().dynamoDb(List.of(log)), Clock.systemUTC()).prime();
        assertTrue(log.onlyRead(), log::toString);
        assertTrue(log.requests().contains("GetItemRequest"), log::toString);
    }
}
