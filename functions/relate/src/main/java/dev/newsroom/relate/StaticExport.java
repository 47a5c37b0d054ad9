package dev.newsroom.relate;

import dev.newsroom.core.render.SiteFiles;
import dev.newsroom.core.settings.SiteSettings;
import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.Timing;
import dev.newsroom.core.article.EmbargoedImages;
import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.article.MarkdownRenderer;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.article.Translation;
import dev.newsroom.core.concurrent.Parallel;
import dev.newsroom.core.image.ImageVariants;
import dev.newsroom.core.image.InvalidImageException;
import dev.newsroom.core.image.StoredImage;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.related.Ranking;
import dev.newsroom.core.related.RankingRules;
import dev.newsroom.core.render.PageRenderer;
import dev.newsroom.core.site.SiteConfig;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.store.PageVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Renders a folder of articles into a folder of pages laid out as the site bucket is: every article
 * page with its related list, every listing page, feed and sitemap, and the 404 page; and copies
 * the folder's {@code assets/}, with the width variants of its JPEGs and PNGs, which the pages then
 * offer with their sizes, as the publish function does, holding back those only embargoed articles
 * show ({@link EmbargoedImages}). It parses,
 * ranks and renders through the same code as the functions; only the postings are held in memory
 * instead of in the index table.
 */
public final class StaticExport {

    /** What an export did. */
    public record Summary(int articles, int rejected, int pages, int assets) {
    }

    private final SiteConfig site;
    private final Ranking ranking;
    private final int window;
    private final int listingSize;
    private final Clock clock;

    public StaticExport(SiteConfig site, RankingRules rules, int window, int listingSize, Clock clock) {
        this.site = site;
        this.ranking = new Ranking(rules);
        this.window = window;
        this.listingSize = listingSize;
        this.clock = clock;
    }

    public Summary run(Path in, Path out, PrintStream progress) throws IOException {
        long start = System.nanoTime();
        SiteSettings settings = settings(in);
        var parser = new ArticleParser(new MarkdownRenderer(), settings.rules(), site.name(), site.zone());
        var pageParser = parser.forPages();
        List<Path> files;
        // Folders too, as the source bucket's prefix may hold them: a Hugo bundle's slug is its folder's name.
        try (Stream<Path> listing = Files.walk(in)) {
            files = listing.filter(Files::isRegularFile).filter(p -> !p.startsWith(in.resolve(SiteLayout.ASSETS)))
                    .filter(p -> ArticleParser.isArticleFile(p.getFileName().toString()))
                    .sorted().toList();
        }
        AtomicInteger rejected = new AtomicInteger();
        Map<Path, Path> folders = new ConcurrentHashMap<>();
        Map<String, StoredImage> images = copyAssets(in, out, folders, rejected, progress);
        Instant now = clock.instant();
        List<Article> every = files.parallelStream().map(file -> parse(parser, pageParser, in, file, rejected, progress))
                .flatMap(Optional::stream).map(article -> article.withImages(images)).toList();
        Set<String> held = EmbargoedImages.held(every, article -> Timing.status(article.metadata(), now));
        int heldBack = 0;
        for (String image : held) {
            if (images.containsKey(image)) {
                removeImage(out, image.substring(1));
                heldBack++;
            }
        }
        List<Article> parsed = every.stream().filter(a -> Timing.status(a.metadata(), now) == ArticleStatus.PUBLISHED).toList();
        // The first file (by file name) that claims an article's path keeps it, as the publish function would.
        Map<String, Article> articles = parsed.stream().collect(Collectors.toMap(Article::path, Function.identity(),
                (first, second) -> first, java.util.LinkedHashMap::new));
        // Static pages have no entry: listed nowhere, related to nothing.
        Map<String, Entry> entries = articles.values().stream()
                .flatMap(a -> Entry.of(StoredArticle.first(a, ArticleStatus.PUBLISHED, "", "", "", clock.instant())).stream())
                .collect(Collectors.toMap(Entry::path, Function.identity()));
        progress.printf("parsed %d articles and copied %d images with their variants, %d held back by embargoes (%d files rejected) at %.1f s%n",
                articles.size(), images.size() - heldBack, heldBack, rejected.get(), seconds(start));

        var postings = new MemoryPostings(entries.values(), site.zone());
        var neighbours = Neighbours.of(postings, entries, ranking, window);
        var renderer = new PageRenderer(site, settings::shellMenus);
        var script = PageRenderer.COMMENTS_SCRIPT;
        write(out.resolve(SiteLayout.objectKey(script.path())), script.content(), folders);
        // The files every page links (its icons, the manifest), and robots.txt, as the publish function keeps them.
        for (SiteFiles.File file : SiteFiles.of(site, settings.otherLanguages(), settings.adsTxt())) {
            Files.write(out.resolve(file.key()), file.content());
        }
        // An export renders only listings and archive pages that have articles, so it never removes one.
        PageSink sink = new PageSink() {
            @Override
            public boolean write(String key, String content, String type, PageVersion version, boolean create) {
                StaticExport.write(out.resolve(key), content, folders);
                return true;
            }

            @Override
            public boolean remove(String key, PageVersion version) {
                throw new UnsupportedOperationException("an export removes nothing: " + key);
            }
        };
        AtomicInteger pages = new AtomicInteger();
        Map<String, List<Translation>> versions = new HashMap<>();
        articles.values().forEach(article -> article.metadata().translationKey().ifPresent(key -> versions
                .computeIfAbsent(key, k -> new ArrayList<>()).add(article.metadata().translation())));
        articles.values().parallelStream().forEach(article -> {
            List<Translation> translations = article.metadata().translationKey().map(versions::get).orElse(List.of());
            String page = article.metadata().page() ? renderer.page(article, translations) : renderer.article(article,
                    neighbours.rank(entries.get(article.path()), article.metadata().related()).stream().map(i -> i.article()).toList(),
                    translations);
            write(out.resolve(SiteLayout.articleKey(article.path())), page, folders);
            pages.incrementAndGet();
        });
        progress.printf("rendered %d article pages at %.1f s%n", pages.get(), seconds(start));
        var listings = new ListingPages(postings, renderer, sink, site.zone(), listingSize, clock, Parallel.IN_PLACE);
        List<ListingKey> keys = postings.keys().stream().sorted(Comparator.comparing(ListingKey::id)).toList();
        var states = postings.states(keys);
        keys.parallelStream().forEach(key -> pages.addAndGet(listings.all(key, states.get(key))));
        if (keys.isEmpty()) {
            pages.addAndGet(listings.all(ListingKey.HOME, postings.states(List.of(ListingKey.HOME)).get(ListingKey.HOME)));
        }
        progress.printf("rendered %d pages in all at %.1f s%n", pages.get(), seconds(start));
        return new Summary(articles.size(), rejected.get(), pages.get(), images.size() - heldBack);
    }

    /**
     * Copies the folder's {@code assets/} to the site's, as the publish function mirrors the source
     * bucket's, with each JPEG's and PNG's width variants beside it; refuses, as it does, an image
     * that is corrupt or a bomb. Returns what the pages know of each image, by its path on the site.
     */
    private static Map<String, StoredImage> copyAssets(Path in, Path out, Map<Path, Path> folders, AtomicInteger rejected,
                                                       PrintStream progress) throws IOException {
        Path assets = in.resolve(SiteLayout.ASSETS);
        if (!Files.isDirectory(assets)) {
            return Map.of();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.walk(assets)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        Map<String, StoredImage> images = new ConcurrentHashMap<>();
        files.parallelStream().forEach(file -> {
            String key = in.relativize(file).toString().replace('\\', '/');
            Path target = out.resolve(key);
            try {
                folders.computeIfAbsent(target.getParent(), StaticExport::folder);
                if (!ImageVariants.handles(key)) {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    return;
                }
                byte[] bytes;
                // One byte past the limit is enough for the refusal to say the file is too large.
                try (var stream = Files.newInputStream(file)) {
                    bytes = stream.readNBytes(ImageVariants.MAX_BYTES + 1);
                }
                ImageVariants.Result made = ImageVariants.process(bytes);
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                for (ImageVariants.Variant variant : made.variants()) {
                    Files.write(out.resolve(ImageVariants.variantKey(key, variant.size().width())), variant.bytes());
                }
                images.put("/" + key, StoredImage.of(made));
            } catch (InvalidImageException e) {
                rejected.incrementAndGet();
                progress.printf("rejected %s: %s%n", key, e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return images;
    }

    /** Takes off an image that only embargoed articles show, with its variants, as the publish function holds it back. */
    private static void removeImage(Path out, String key) throws IOException {
        for (String file : ImageVariants.keysOf(key)) {
            Files.deleteIfExists(out.resolve(file));
        }
    }

    /** The site configuration at the folder's root, as the publish function reads the source bucket's; the standard one without. */
    static SiteSettings settings(Path in) throws IOException {
        Path file = in.resolve(SiteSettings.KEY);
        if (!Files.isRegularFile(file)) {
            return SiteSettings.STANDARD;
        }
        try {
            return SiteSettings.read(Files.readAllBytes(file));
        } catch (InvalidArticleException e) {
            throw new IOException(file + " is refused, as the publish function would refuse it: " + e.getMessage(), e);
        }
    }

    private static Path folder(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** A file under {@code pages/} is a static page, as the publish function reads one under its page prefix. */
    private static Optional<Article> parse(ArticleParser parser, ArticleParser pageParser, Path in, Path file, AtomicInteger rejected,
                                           PrintStream progress) {
        String key = in.relativize(file).toString().replace('\\', '/');
        try {
            return Optional.of((key.startsWith(SiteLayout.PAGES) ? pageParser : parser).parse(key, Files.readAllBytes(file)));
        } catch (InvalidArticleException e) {
            rejected.incrementAndGet();
            progress.printf("rejected %s: %s%n", key, e.problems());
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a page; {@code folders} remembers the folders made, so each is made once (and before any write in it). */
    private static void write(Path file, String content, Map<Path, Path> folders) {
        try {
            folders.computeIfAbsent(file.getParent(), StaticExport::folder);
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
