package dev.newsroom.stack;

import dev.newsroom.core.aws.AwsClients;
import dev.newsroom.core.config.Env;
import dev.newsroom.relate.KeyMigration;
import dev.newsroom.relate.LiveRebuild;
import dev.newsroom.relate.RelateConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./newsroom rebuild}: every related list and page again, from the live tables. */
@Command(name = "newsroom rebuild", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Rebuilds the index table and renders every page again from the live articles table: after a",
            "template change, or to fill the index for articles published before the relate function.",
            "By default it works on the running ./newsroom up; with --from-environment, on whatever the",
            "relate function's variables and AWS's own (AWS_REGION, credentials) name, such as a deployed stack.",
            "With --migrate-keys it first moves what was stored under articles' slugs to their paths."})
public final class NewsroomRebuild implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${sys:newsroom.root:-.}/.newsroom",
            description = "The running local newsroom's data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--template", paramLabel = "FILE", defaultValue = "${sys:newsroom.root:-.}/template.yaml",
            description = "The SAM template the relate function's settings come from (default: ${DEFAULT-VALUE}).")
    Path template;

    @Option(names = "--from-environment",
            description = "Take SITE_BUCKET, ARTICLES_TABLE, INDEX_TABLE, COMMENTS_TABLE, UPLOADS_TABLE, SITE_URL, SITE_NAME, AWS_REGION and"
                    + " credentials from the environment.")
    boolean fromEnvironment;

    @Option(names = "--migrate-keys",
            description = "First move articles, comments and upload records stored under slugs to the articles' paths, and empty the"
                    + " index table (docs/publishing.md, \"Keys before paths\").")
    boolean migrateKeys;

    public static void main(String[] args) {
        System.exit(new CommandLine(new NewsroomRebuild()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Env env = new Env(fromEnvironment ? System.getenv() : localEnvironment());
        var clients = new AwsClients(env);
        long start = System.nanoTime();
        if (migrateKeys) {
            var moved = new KeyMigration(clients.dynamoDb(), env.require("ARTICLES_TABLE"), env.require("COMMENTS_TABLE"),
                    env.require("UPLOADS_TABLE"), env.require("INDEX_TABLE")).run();
            System.out.printf("moved %d articles, %d comments and %d upload records to their paths; emptied %d index items%n",
                    moved.articles(), moved.comments(), moved.uploads(), moved.indexItems());
        }
        var summary = LiveRebuild.create(RelateConfig.from(env), clients.s3(), clients.dynamoDb(), Clock.systemUTC())
                .run(System.out);
        System.out.printf("rebuilt %d articles (%d lists changed) into %d pages in %.1f s%n", summary.articles(),
                summary.listsChanged(), summary.pages(), (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** The relate function's environment as ./newsroom up gives it, from the endpoints it wrote. */
    private Map<String, String> localEnvironment() throws Exception {
        RunningStack stack;
        try {
            stack = RunningStack.at(dataDir, template);
        } catch (IllegalStateException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        return stack.environment("RelateFunction");
    }
}
