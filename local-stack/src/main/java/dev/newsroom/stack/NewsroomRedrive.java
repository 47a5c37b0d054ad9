package dev.newsroom.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./newsroom redrive}: once a fault has cleared, every event that outlasted its retries goes
 * back to its function, as an operator replays a failure queue on AWS (docs/operations.md).
 */
@Command(name = "newsroom redrive", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Hands every event kept in <data dir>/failed-events/ back to its function: an upload's or a schedule's event, or a",
            "stream's batch. A running ./newsroom up delivers them within a second, with its usual retries; a stopped one when it",
            "starts. Each function is safe to replay: what is already done stays as it is."})
public final class NewsroomRedrive implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${sys:newsroom.root:-.}/.newsroom",
            description = "The local newsroom's data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new NewsroomRedrive()).execute(args));
    }

    @Override
    public Integer call() {
        Map<String, Integer> moved = FailedEvents.redrive(dataDir.toAbsolutePath().normalize());
        if (moved.isEmpty()) {
            System.out.println("newsroom redrive: no failed events in " + dataDir.resolve(FailedEvents.FOLDER));
        }
        moved.forEach((function, count) -> System.out.printf("newsroom redrive: %d event(s) back to %s%n", count, function));
        return 0;
    }
}
