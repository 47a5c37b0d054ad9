package dev.newsroom.bench;

import static dev.newsroom.bench.BenchmarkReport.median;

import dev.newsroom.core.article.SiteRules;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.article.MarkdownRenderer;
import dev.newsroom.core.article.RelatedArticle;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.render.PageRenderer;
import dev.newsroom.core.site.SiteConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Rendering throughput on one core: the publish function's whole render of an
 * 800-word article (front matter, Markdown, sanitising when needed, the page template with four
 * related articles) against commonmark-java alone turning the same body into HTML. Target: the
 * page at least half as fast as commonmark alone.
 *
 * <p>{@code main} runs both, fork against fork, and prints a Markdown table with the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = "-XX:+UseSerialGC")
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class RenderBenchmark {

    private static final int PAIRS = 7;

    private byte[] source;
    private String body;
    private ArticleParser parser;
    private PageRenderer pages;
    private List<RelatedArticle> related;
    private Parser markdown;
    private HtmlRenderer html;

    @Setup
    public void setUp() throws IOException {
        try (InputStream in = RenderBenchmark.class.getResourceAsStream("/bench/article-800.md")) {
            source = in.readAllBytes();
        }
        String text = new String(source, StandardCharsets.UTF_8);
        body = text.substring(text.indexOf("\n---\n", 4) + 5);
        SiteConfig site = SiteConfig.from(new Env(Map.of("SITE_URL", "https://news.example.org", "SITE_NAME", "Example")));
        parser = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, site.name(), site.zone());
        pages = new PageRenderer(site);
        related = List.of(1, 2, 3, 4).stream().map(i -> new RelatedArticle("related-" + i, "Related story " + i,
                Instant.parse("2026-11-2" + i + "T08:00:00Z"), Optional.of("What happened next, in one line."), Optional.empty())).toList();
        var tables = List.of(TablesExtension.create());
        markdown = Parser.builder().extensions(tables).build();
        html = HtmlRenderer.builder().extensions(tables).build();
    }

    @Benchmark
    public String articlePage() throws InvalidArticleException {
        return pages.article(parser.parse("articles/sample.md", source), related, List.of());
    }

    @Benchmark
    public String commonmarkAlone() {
        return html.render(markdown.parse(body));
    }

    /**
     * Runs the two benchmarks in forks of one each, alternating, pair after pair, so each ratio
     * compares two forks run one after the other; the table gives the medians and each pair's
     * ratio. A fork's JIT can land in either of two speeds, so one ratio of three forks against
     * three, each set run as a block, moved by ±0.1 from run to run.
     */
    public static void main(String[] args) throws Exception {
        List<Double> pages = new ArrayList<>();
        List<Double> commonmarks = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int pair = 0; pair < PAIRS; pair++) {
            boolean pageFirst = pair % 2 == 0;
            double first = score(pageFirst ? "articlePage" : "commonmarkAlone");
            double second = score(pageFirst ? "commonmarkAlone" : "articlePage");
            double page = pageFirst ? first : second;
            double commonmark = pageFirst ? second : first;
            pages.add(page);
            commonmarks.add(commonmark);
            ratios.add(page / commonmark);
        }
        BenchmarkReport.publish("render", RenderBenchmark.class, String.format("| render, one core | pages/s |%n|---|---:|%n"
                + "| article page (parse, render, template) | %,.0f |%n| commonmark-java alone, same body | %,.0f |%n"
                + "| page ÷ commonmark | **%.2f** |%n%nMedians of %d pairs of forks, alternating; each pair's ratio: %s.%n",
                median(pages), median(commonmarks), median(ratios), PAIRS,
                ratios.stream().map(r -> String.format("%.2f", r)).collect(Collectors.joining(", "))));
    }

    private static double score(String benchmark) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(RenderBenchmark.class.getName() + "." + benchmark + "$").forks(1).build()).run();
        return results.iterator().next().getPrimaryResult().getScore();
    }
}
