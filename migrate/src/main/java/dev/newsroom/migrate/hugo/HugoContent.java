package dev.newsroom.migrate.hugo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The content files of a Hugo site, each with its language, its path within its language's content,
 * and, for a page bundle ({@code post/index.md}), the files beside it. Language comes from a
 * configured {@code contentDir}, from a content folder named after a configured language
 * ({@code content/ja/…}), or from the file name ({@code post.es.md}).
 */
public final class HugoContent {

    /** What Hugo makes of a content file. */
    public enum Kind {
        /** A page of its own ({@code post.md}). */
        PAGE,
        /** A leaf bundle's page ({@code post/index.md}), with its resources beside it. */
        BUNDLE,
        /** A section's list page ({@code _index.md}). */
        SECTION
    }

    /**
     * One content file.
     *
     * @param contentPath its path within its language's content, with / ({@code blog/2024/post/index.md})
     * @param baseName    what Hugo calls its content base name: the bundle's folder, else the file name
     *                    without its language and extension
     * @param resources   a bundle's other files, as paths within the same content
     */
    public record Page(Path file, String language, String contentPath, Kind kind, String baseName, List<String> resources) {

        /** The folder the file is in, without a trailing slash; empty at the content's root. */
        public String directory() {
            return parent(contentPath);
        }

        /** The folders above the page: for a bundle, above its own folder. Hugo's {@code :sections}. */
        public String sections() {
            return kind == Kind.BUNDLE ? parent(directory()) : directory();
        }

        private static String parent(String path) {
            int slash = path.lastIndexOf('/');
            return slash < 0 ? "" : path.substring(0, slash);
        }

        /** The first folder: Hugo's section. */
        public String section() {
            int slash = contentPath.indexOf('/');
            return slash < 0 ? "" : contentPath.substring(0, slash);
        }
    }

    /** Where one language's content lives, and what the import assumed to find it. */
    public record Root(String language, Path folder, String how) {
    }

    private HugoContent() {
    }

    public static List<Root> roots(Path site, HugoConfig config) {
        Path content = site.resolve(config.contentDir());
        List<Root> roots = new ArrayList<>();
        for (HugoConfig.Language language : config.languages().values()) {
            language.contentDir().ifPresent(dir -> roots.add(new Root(language.code(), site.resolve(dir),
                    "its contentDir, " + dir)));
        }
        if (!roots.isEmpty()) {
            return roots;
        }
        for (HugoConfig.Language language : config.languages().values()) {
            Path folder = content.resolve(language.code());
            if (Files.isDirectory(folder)) {
                roots.add(new Root(language.code(), folder, "the content folder named after it, "
                        + site.relativize(folder)));
            }
        }
        if (roots.isEmpty()) {
            roots.add(new Root(config.defaultLanguage(), content, "the site's content folder, " + site.relativize(content)));
        }
        return roots;
    }

    public static List<Page> read(Path site, HugoConfig config) throws IOException {
        List<Page> pages = new ArrayList<>();
        for (Root root : roots(site, config)) {
            if (!Files.isDirectory(root.folder())) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root.folder())) {
                files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
            }
            Map<Path, List<String>> bundleFiles = new LinkedHashMap<>();
            List<Path> contentFiles = new ArrayList<>();
            for (Path file : files) {
                if (isContent(file)) {
                    contentFiles.add(file);
                }
            }
            for (Path file : contentFiles) {
                if (withoutLanguage(stem(file), config).equals("index")) {
                    bundleFiles.put(file.getParent(), new ArrayList<>());
                }
            }
            for (Path file : files) {
                if (isContent(file)) {
                    continue;
                }
                for (Path dir = file.getParent(); dir != null && dir.startsWith(root.folder()); dir = dir.getParent()) {
                    List<String> resources = bundleFiles.get(dir);
                    if (resources != null) {
                        resources.add(relative(root.folder(), file));
                        break;
                    }
                }
            }
            for (Path file : contentFiles) {
                pages.add(page(root, file, config, bundleFiles));
            }
        }
        return pages;
    }

    private static Page page(Root root, Path file, HugoConfig config, Map<Path, List<String>> bundleFiles) {
        String stem = withoutLanguage(stem(file), config);
        String language = stem.length() < stem(file).length()
                ? stem(file).substring(stem.length() + 1).toLowerCase(Locale.ROOT) : root.language();
        Kind kind = stem.equals("_index") ? Kind.SECTION : stem.equals("index") ? Kind.BUNDLE : Kind.PAGE;
        String baseName = kind == Kind.PAGE ? stem : file.getParent().getFileName().toString();
        List<String> resources = kind == Kind.BUNDLE ? List.copyOf(bundleFiles.get(file.getParent())) : List.of();
        return new Page(file, language, relative(root.folder(), file), kind, baseName, resources);
    }

    /** A file name's stem without a language suffix: {@code post.es} is {@code post} where es is a language. */
    private static String withoutLanguage(String stem, HugoConfig config) {
        int dot = stem.lastIndexOf('.');
        return dot > 0 && config.isLanguage(stem.substring(dot + 1)) ? stem.substring(0, dot) : stem;
    }

    private static boolean isContent(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".md") || name.endsWith(".markdown");
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
