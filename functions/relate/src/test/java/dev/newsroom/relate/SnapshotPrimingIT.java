package dev.newsroom.relate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import dev.newsroom.testkit.RequestLog;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SnapStart's priming: a change's path reads the index, an article and its page, renders the site's pages, and writes nothing. */
@ExtendWith(LocalServicesExtension.class)
class SnapshotPrimingIT {

    private final Provisioned local;

    SnapshotPrimingIT(Provisioned local) {
        this.local = local;
    }

    @Test
    void primesByReadingTheIndexOnly_I1() {
        RequestLog log = new RequestLog();
        var config = RelateConfig.from(new dev.newsroom.core.config.Env(RelateWorld.environment(local.names())));
        Relater.create(config, local.services().s3(List.of(log)), local.services().dynamoDb(List.of(log)), RelateWorld.edge(),
                Clock.systemUTC()).prime();
        assertTrue(log.onlyRead(), log::toString);
        assertTrue(log.requests().containsAll(List.of("QueryRequest", "GetItemRequest", "HeadObjectRequest")), log::toString);
    }
}
