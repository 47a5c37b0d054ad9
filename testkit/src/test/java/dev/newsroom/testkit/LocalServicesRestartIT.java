package dev.newsroom.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The local services on a data directory a crash left behind. */
class LocalServicesRestartIT {

    @TempDir
    Path dataDir;

    /** Found by FaultScenariosIT's SIGKILL: S3Proxy's half-done write was listed, and served, as an object after the restart. */
    @Test
    void aWriteToS3ThatACrashCutShortIsNotAnObjectAfterTheRestart_A22() throws Exception {
        try (LocalServices aws = LocalServices.start(Optional.of(dataDir))) {
            aws.s3().createBucket(r -> r.bucket("site"));
            aws.s3().putObject(r -> r.bucket("site").key("assets/site/comments.js"), RequestBody.fromString("kept"));
        }
        // What S3Proxy leaves when killed between writing an object and renaming it to its key.
        Path folder = dataDir.resolve("s3").resolve("site").resolve("assets").resolve("site");
        Files.writeString(folder.resolve("comments.js-" + UUID.randomUUID()), "half");
        try (LocalServices aws = LocalServices.start(Optional.of(dataDir))) {
            List<String> keys = aws.s3().listObjectsV2Paginator(r -> r.bucket("site")).contents().stream().map(S3Object::key)
                    .filter(key -> !key.endsWith("/")).toList();
            assertEquals(List.of("assets/site/comments.js"), keys);
            assertEquals("kept", aws.s3().getObjectAsBytes(r -> r.bucket("site").key("assets/site/comments.js")).asUtf8String());
        }
    }
}
