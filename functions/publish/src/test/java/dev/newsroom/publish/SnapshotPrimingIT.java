package dev.newsroom.publish;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import dev.newsroom.testkit.RequestLog;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SnapStart's priming: the upload path runs end to end on the sample article, and only reads. */
@ExtendWith(LocalServicesExtension.class)
class SnapshotPrimingIT {

    private final Provisioned local;
    private final PublishWorld world;

    SnapshotPrimingIT(Provisioned local) {
        this.local = local;
        this.world = new PublishWorld(local.services(), local.names());
    }

    @Test
    void primesByRenderingTheSampleAndReadingOnly_I1() {
        RequestLog log = new RequestLog();
        Publisher.create(world.config, local.services().s3(List.of(log)), local.services().dynamoDb(List.of(log)), world.schedulerClient(), world.edge(),
                Clock.systemUTC()).prime();
        assertTrue(log.onlyRead(), log::toString);
        assertTrue(log.requests().contains("GetItemRequest"), log::toString);
    }
}
