package dev.newsroom.stack;

import dev.newsroom.publish.PublishHandler;
import dev.newsroom.testkit.LambdaContext;
import dev.newsroom.testkit.LocalJson;
import dev.newsroom.testkit.RuntimeHandler;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./newsroom takedown}: an article withdrawn at once, or its takedown lifted, on the running
 * {@code ./newsroom up}. It runs the publish function's takedown in this process, with the stack's
 * environment, as {@code aws lambda invoke} runs it on AWS (docs/operations.md, "Takedowns").
 */
@Command(name = "newsroom takedown", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Takes an article down at once: its page becomes the withdrawn notice, and the relate function takes it out of every",
            "listing, feed, sitemap and related list, invalidating each page it changes at the edge. It stays down through later",
            "uploads until lifted with --lift."})
public final class NewsroomTakedown implements Callable<Integer> {

    @Parameters(paramLabel = "ARTICLE", description = "The article's path (/articles/x, or its url), or its slug.")
    String article;

    @Option(names = "--lift", description = "Lift the takedown: the article's file is read again and published as it says.")
    boolean lift;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${sys:newsroom.root:-.}/.newsroom",
            description = "The running local newsroom's data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--template", paramLabel = "FILE", defaultValue = "${sys:newsroom.root:-.}/template.yaml",
            description = "The SAM template the publish function's settings come from (default: ${DEFAULT-VALUE}).")
    Path template;

    public static void main(String[] args) {
        System.exit(new CommandLine(new NewsroomTakedown()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        RunningStack stack;
        try {
            stack = RunningStack.at(dataDir, template);
        } catch (IllegalStateException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        var request = LocalJson.mapper().createObjectNode();
        var takedown = request.putObject("takedown").put("article", article);
        if (lift) {
            takedown.put("lift", true).put("bucket", stack.endpoints().get("sourceBucket").asText());
        }
        var handler = new RuntimeHandler(new PublishHandler(stack.environment("PublishFunction")));
        try {
            var answer = LocalJson.mapper().readTree(handler.handle(request.toString(), LambdaContext.invocationOf("PublishFunction", 30)));
            System.out.println(answer.path("article").asText() + ": " + answer.path("result").asText());
            return 0;
        } catch (RuntimeException e) {
            System.err.println("newsroom takedown: " + e.getMessage());
            return 1;
        }
    }
}
