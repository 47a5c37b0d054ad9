package dev.newsroom.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsroom.core.article.SiteRules;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.MarkdownRenderer;
import dev.newsroom.core.aws.AwsClients;
import dev.newsroom.core.config.Env;
import dev.newsroom.migrate.hugo.HugoConfig;
import dev.newsroom.migrate.hugo.HugoImport;
import dev.newsroom.migrate.jekyll.JekyllImport;
import dev.newsroom.migrate.wordpress.WordPressImport;
import dev.newsroom.migrate.wordpress.Wxr;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code ./newsroom import}: a site that another system publishes, moved into Newsroom's source bucket. */
@Command(name = "newsroom import", mixinStandardHelpOptions = true, subcommands = {NewsroomImport.Hugo.class, NewsroomImport.Jekyll.class, NewsroomImport.WordPress.class},
        description = "Moves a site into Newsroom's source bucket, with a report of what was published and why anything was not.")
public final class NewsroomImport {

    public static void main(String[] args) {
        System.exit(new CommandLine(new NewsroomImport()).execute(args));
    }

    /** What every import shares: where it uploads, whether it does, and where its report goes. */
    abstract static class ImportCommand implements Callable<Integer> {

        @Option(names = "--dry-run", description = "Report everything, upload nothing.")
        boolean dryRun;

        @Option(names = "--endpoints", paramLabel = "FILE", defaultValue = "${sys:newsroom.root:-.}/.newsroom/endpoints.json",
                description = "The running local stack's endpoints.json (default: ${DEFAULT-VALUE}).")
        Path endpoints;

        @Option(names = "--bucket", paramLabel = "NAME",
                description = "Upload to this source bucket on AWS instead, with the default credential chain.")
        String bucket;

        @Option(names = "--site", paramLabel = "URL",
                description = {"With --bucket: the site whose comments API takes the comments (https://news.example.com),",
                        "with a moderator's access token in NEWSROOM_MODERATOR_TOKEN (docs/desk.md, \"Tokens for scripts\")."})
        URI site;

        @Option(names = "--out", paramLabel = "DIR",
                description = "Write what would be uploaded to this folder, laid out as the source bucket, instead of uploading.")
        Path out;

        @Option(names = "--report", paramLabel = "FILE", defaultValue = "import-report.json",
                description = "Where every file's outcome is written as JSON (default: ${DEFAULT-VALUE}).")
        Path report;

        @Spec
        CommandSpec spec;

        /** The variable that holds a moderator's access token for an import to AWS: never an argument, which others can read. */
        static final String MODERATOR_TOKEN = "NEWSROOM_MODERATOR_TOKEN";

        /** What the command imports, as the report names it. */
        abstract Path source();

        abstract ImportPlan plan(ArticleParser parser, Prefixes prefixes) throws Exception;

        /** Reads what is imported, and returns the site's name, for bylines of articles without an author. */
        abstract String read() throws Exception;

        @Override
        public Integer call() throws Exception {
            if (!Files.exists(source())) {
                throw new ParameterException(spec.commandLine(), source().toAbsolutePath() + " does not exist");
            }
            long start = System.nanoTime();
            PrintWriter print = spec.commandLine().getOut();
            Target target = dryRun || out != null ? null : target();
            String name = read();
            var parser = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, name.isEmpty() ? "Newsroom" : name,
                    ZoneOffset.UTC);
            ImportPlan plan = plan(parser, target == null ? Prefixes.DEFAULT : target.prefixes());
            print.println(spec.qualifiedName() + " " + source() + (dryRun ? " (dry run: nothing uploaded)" : ""));
            ImportReport.print(plan, print);
            ImportReport.write(plan, report);
            print.printf("every file's outcome: %s%n", report.toAbsolutePath());
            if (target != null) {
                var summary = new SourceUploader(target.s3(), target.bucket()).upload(plan.uploads(), print);
                print.printf("uploaded %d files to %s (%d already there, unchanged) in %.1f s%n",
                        summary.written(), target.bucket(), summary.unchanged(), (System.nanoTime() - start) / 1e9);
                if (plan.commentCount() > 0) {
                    importComments(plan, target, print);
                }
            } else if (out != null) {
                for (ImportPlan.Upload upload : plan.uploads()) {
                    Path file = out.resolve(upload.key());
                    Files.createDirectories(file.getParent());
                    Files.write(file, upload.bytes());
                }
                print.printf("wrote %d files to %s in %.1f s%n", plan.uploads().size(), out, (System.nanoTime() - start) / 1e9);
            } else {
                print.printf("would upload %d files and import %d comments; planned in %.1f s%n", plan.uploads().size(), plan.commentCount(),
                        (System.nanoTime() - start) / 1e9);
            }
            return 0;
        }

        /** Sends the comments to the running stack's comments API, once their articles are published. */
        private void importComments(ImportPlan plan, Target target, PrintWriter print) throws Exception {
            if (target.moderator().isEmpty()) {
                print.printf("%d comments not imported: give --site and a moderator's access token in NEWSROOM_MODERATOR_TOKEN,"
                        + " then run the same import again (docs/migration.md#comments)%n", plan.commentCount());
                return;
            }
            print.printf("importing %d comments as their articles are published%n", plan.commentCount());
            print.flush();
            var summary = new CommentUploader(target.moderator().get().site(), target.moderator().get().token()).upload(plan.comments());
            print.printf("imported %d comments (%d already there)%s%n", summary.stored(), summary.alreadyThere(),
                    summary.refused().isEmpty() ? "" : "; " + summary.refused().size() + " refused by the comments API:");
            summary.refused().forEach(line -> print.println("  " + line));
        }

        /**
         * Where the upload goes: the local stack's source bucket, or a named bucket on AWS; and the site
         * whose comments API takes the import, with a moderator's token: the local stack's, or on AWS
         * {@code --site} with {@value #MODERATOR_TOKEN}.
         */
        private record Target(S3Client s3, String bucket, Prefixes prefixes, Optional<Moderator> moderator) {
        }

        private record Moderator(URI site, String token) {
        }

        private Target target() throws Exception {
            if (bucket != null) {
                S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
                Optional<String> token = Optional.ofNullable(System.getenv(MODERATOR_TOKEN)).filter(t -> !t.isBlank());
                return new Target(s3, bucket, Prefixes.DEFAULT, Optional.ofNullable(site).flatMap(url -> token.map(t -> new Moderator(url, t))));
            }
            if (!Files.exists(endpoints)) {
                throw new ParameterException(spec.commandLine(), endpoints + " not found: is ./newsroom up running?"
                        + " (or give --bucket, or --dry-run)");
            }
            JsonNode e = new ObjectMapper().readTree(endpoints.toFile());
            var aws = new AwsClients(new Env(Map.of("AWS_REGION", e.get("region").asText(),
                    "AWS_ACCESS_KEY_ID", e.get("accessKeyId").asText(), "AWS_SECRET_ACCESS_KEY", e.get("secretAccessKey").asText(),
                    "AWS_ENDPOINT_URL_S3", e.get("s3").asText(), "S3_FORCE_PATH_STYLE", "true")));
            return new Target(aws.s3(), e.get("sourceBucket").asText(), new Prefixes(e.get("articlePrefix").asText(),
                    e.get("pagePrefix").asText(), e.get("assetPrefix").asText()), Optional.of(new Moderator(URI.create(e.get("site").asText()),
                            e.get("moderatorToken").asText())));
        }
    }

    @Command(name = "hugo", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Reads a Hugo site as Hugo builds it: its configuration, its content folders and languages,",
                "its page bundles' files. Uploads each article Hugo publishes, and the files its pages use,",
                "to the source bucket, and reports every other file with the reason."})
    static final class Hugo extends ImportCommand {

        @Parameters(index = "0", paramLabel = "SITE_DIR", description = "The Hugo site: the folder with its configuration and content.")
        Path site;

        private HugoConfig config;

        @Override
        Path source() {
            return site;
        }

        @Override
        String read() throws Exception {
            config = HugoConfig.read(site);
            return config.title();
        }

        @Override
        ImportPlan plan(ArticleParser parser, Prefixes prefixes) throws Exception {
            return new HugoImport(config, parser, prefixes, Instant.now()).plan(site);
        }
    }

    @Command(name = "jekyll", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Reads a Jekyll site: its _config.yml and its posts. Uploads each post Jekyll publishes, its Liquid",
                "resolved, with the static files it uses, and reports every other file with the reason."})
    static final class Jekyll extends ImportCommand {

        @Parameters(index = "0", paramLabel = "SITE_DIR", description = "The Jekyll site: the folder with _config.yml and _posts.")
        Path site;

        private Map<String, Object> config;

        @Override
        Path source() {
            return site;
        }

        @Override
        String read() throws Exception {
            config = JekyllImport.config(site);
            return String.valueOf(config.getOrDefault("title", ""));
        }

        @Override
        ImportPlan plan(ArticleParser parser, Prefixes prefixes) throws Exception {
            return new JekyllImport(parser, prefixes, Instant.now()).plan(site, config);
        }
    }

    @Command(name = "wordpress", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Reads a WordPress export (WXR, from Tools > Export). Uploads each published post as an",
                "article whose body is WordPress's HTML, and reports every other item with the reason."})
    static final class WordPress extends ImportCommand {

        @Parameters(index = "0", paramLabel = "EXPORT.xml", description = "The WordPress export file.")
        Path export;

        private Wxr wxr;

        @Override
        Path source() {
            return export;
        }

        @Override
        String read() throws Exception {
            wxr = Wxr.read(export);
            return wxr.title();
        }

        @Override
        ImportPlan plan(ArticleParser parser, Prefixes prefixes) {
            return new WordPressImport(parser, prefixes).plan(wxr, export.getFileName().toString());
        }
    }
}
