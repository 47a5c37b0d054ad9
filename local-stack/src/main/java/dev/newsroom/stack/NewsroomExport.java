package dev.newsroom.stack;

import dev.newsroom.core.config.Env;
import dev.newsroom.core.site.SiteConfig;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.FunctionEnvironment;
import dev.newsroom.testkit.TemplateResources;
import dev.newsroom.relate.RelateConfig;
import dev.newsroom.relate.StaticExport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./newsroom export}: a folder of articles in, a folder of pages out, laid out as the site bucket. */
@Command(name = "newsroom export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Renders every article in a folder, with its related list, and every listing page, feed and",
            "sitemap, into a folder laid out as the site bucket is, and copies its assets/ with the width",
            "variants of its JPEGs and PNGs. It parses, ranks and renders through the same code as the",
            "functions, with the relate function's settings from template.yaml."})
public final class NewsroomExport implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ARTICLES", description = "A folder of .md and .json articles, its subfolders included.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Where the pages go (created if missing).")
    Path out;

    @Option(names = "--site-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:3000",
            description = "The site's public address, for canonical links, feeds and sitemaps (default: ${DEFAULT-VALUE}).")
    String siteUrl;

    @Option(names = "--template", paramLabel = "FILE", defaultValue = "${sys:newsroom.root:-.}/template.yaml",
            description = "The SAM template the relate function's settings come from (default: ${DEFAULT-VALUE}).")
    Path template;

    public static void main(String[] args) {
        System.exit(new CommandLine(new NewsroomExport()).execute(args));
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(in)) {
            throw new ParameterException(spec.commandLine(), "ARTICLES: " + in.toAbsolutePath() + " is not a folder");
        }
        long start = System.nanoTime();
        var summary = export(template, in, out, siteUrl, System.out);
        System.out.printf("exported %d articles into %d pages, and %d images with their width variants, in %.1f s%n",
                summary.articles(), summary.pages(), summary.assets(), (System.nanoTime() - start) / 1e9);
        return summary.rejected() == 0 ? 0 : 1;
    }

    /** Renders {@code in} into {@code out} for the site at {@code siteUrl}, with the relate function's settings from {@code template}. */
    public static StaticExport.Summary export(Path template, Path in, Path out, String siteUrl, PrintStream progress) throws IOException {
        var cfn = CloudFormationTemplate.read(template);
        Map<String, String> env = FunctionEnvironment.resolve(cfn, "RelateFunction", new TemplateResources(cfn).names(),
                Map.of("SITE_URL", siteUrl, "CDN_URL", siteUrl, "AWS_REGION", "us-east-1"));
        RelateConfig config = RelateConfig.from(new Env(env));
        SiteConfig site = config.site();
        return new StaticExport(site, config.rules(), config.window(), config.listingSize(), Clock.systemUTC()).run(in, out, progress);
    }
}
