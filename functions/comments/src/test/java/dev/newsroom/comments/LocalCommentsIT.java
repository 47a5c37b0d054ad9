package dev.newsroom.comments;

import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import dev.newsroom.testkit.SiteverifyServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Comments tests against DynamoDB Local and a local siteverify server, one world per test. */
@ExtendWith(LocalServicesExtension.class)
abstract class LocalCommentsIT {

    static SiteverifyServer siteverify;

    @TempDir
    static Path secrets;

    final CommentsWorld world;

    LocalCommentsIT(Provisioned local) {
        world = new CommentsWorld(local, siteverify, secrets, Map.of());
    }

    @BeforeAll
    static void startSiteverify() throws Exception {
        siteverify = new SiteverifyServer(CommentsWorld.CAPTCHA_SECRET, "news.example.org");
    }

    @AfterAll
    static void stopSiteverify() {
        siteverify.close();
    }
}
