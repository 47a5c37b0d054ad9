package dev.newsroom.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.testkit.CloudFormationTemplate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./newsroom export} as an editor runs it: exit codes and messages. */
class NewsroomExportTest {

    @TempDir
    Path dir;

    private final StringWriter errors = new StringWriter();

    private int export(String... args) {
        var command = new CommandLine(new NewsroomExport());
        command.setErr(new PrintWriter(errors, true));
        String template = CloudFormationTemplate.repositoryRoot().resolve("template.yaml").toString();
        String[] all = new String[args.length + 2];
        all[0] = "--template";
        all[1] = template;
        System.arraycopy(args, 0, all, 2, args.length);
        return command.execute(all);
    }

    @Test
    void namesAMissingArticlesFolderAsAUsageError() {
        Path missing = dir.resolve("no-such-folder");
        assertEquals(2, export(missing.toString(), dir.resolve("out").toString()));
        assertTrue(errors.toString().startsWith("ARTICLES: " + missing.toAbsolutePath() + " is not a folder"), errors::toString);
        assertTrue(Files.notExists(dir.resolve("out")), "nothing is written");
    }

    @Test
    void exitsOneWhenAnArticleIsRejectedAndStillRendersTheRest_C5() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("good.md"), "---\ntitle: Good\ndate: 2026-11-20T10:00:00Z\n---\nBody.\n");
        Files.writeString(in.resolve("bad.md"), "---\ntitle: [\n---\n");
        assertEquals(1, export(in.toString(), dir.resolve("out").toString()));
        assertTrue(Files.exists(dir.resolve("out/articles/good.html")));
    }
}
