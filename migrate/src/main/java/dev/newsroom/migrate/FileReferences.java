package dev.newsroom.migrate;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points a body's references to files at where the import puts those files: Markdown images and
 * links, and {@code src} and {@code href} in HTML and in shortcodes ({@code {{< figure src="x.png" >}}}).
 * A reference relative to the page resolves within its folder (a Hugo bundle's files); one from the
 * site's root ({@code /img/x.png}) among the site's static files. One to a missing file is reported,
 * and a missing image is left out, so no page shows a broken image. Pure.
 */
public final class FileReferences {

    /** {@code ![alt](target "title")}: the title may span lines, as Markdown allows. */
    private static final Pattern IMAGE = Pattern.compile(
            "!\\[((?:[^\\]\\\\]|\\\\.)*)]\\(\\s*(<[^>\\n]*>|[^\\s)]+)((?:\\s+(?:\"[^\"]*\"|'[^']*'|\\([^)]*\\)))?\\s*)\\)");
    private static final Pattern LINK_TARGET = Pattern.compile("(]\\(\\s*)(<[^>\\n]*>|[^\\s)]+)");
    /** Whatever shows one image: a {@code figure} shortcode call, or an HTML {@code img} element. */
    private static final Pattern IMAGE_ELEMENT = Pattern.compile("\\{\\{[<%]\\s*figure\\b.*?[>%]}}|<img\\b[^>]*>", Pattern.DOTALL);
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\b(?:src|href)\\s*=\\s*)(\"([^\"]*)\"|'([^']*)'|`([^`]*)`)");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    /** What a reference to a file that is not a page ends with. */
    private static final Set<String> FILE_TYPES = Set.of("png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico",
            "pdf", "mp4", "webm", "mp3", "ogg", "wav", "zip", "csv", "json", "txt");

    /** A body with its references rewritten, and one warning for each file that is missing. */
    public record Rewritten(String body, List<String> warnings) {
    }

    private FileReferences() {
    }

    /**
     * @param directory the page's folder within its content, with /
     * @param pageFile  for a path within the content, the site path the file there is published at, if there is one
     * @param siteFile  the same for a path from the site's root, among its static files
     */
    public static Rewritten rewrite(String body, String directory, Function<String, Optional<String>> pageFile,
                                    Function<String, Optional<String>> siteFile) {
        List<String> warnings = new ArrayList<>();
        // Each pass sees what the passes before it wrote: a target already pointed at a file stays as it is.
        Set<String> pointed = new HashSet<>();
        Function<String, Resolution> resolve = target -> {
            if (pointed.contains(target)) {
                return Resolution.AS_WRITTEN;
            }
            Resolution resolution = resolve(target, directory, pageFile, siteFile);
            resolution.target().ifPresent(pointed::add);
            return resolution;
        };
        String out = Patterns.replace(IMAGE, body, m -> {
            String target = unbracket(m.group(2));
            Resolution resolution = resolve.apply(target);
            if (resolution.missing()) {
                warnings.add("the image " + target + " is not in the site: it is left out");
                return "";
            }
            return "![" + m.group(1) + "](" + resolution.target().orElse(m.group(2)) + m.group(3) + ")";
        });
        out = Patterns.replace(LINK_TARGET, out, m -> {
            Resolution resolution = resolve.apply(unbracket(m.group(2)));
            if (resolution.missing()) {
                warnings.add("the link to " + m.group(2) + " names a file that is not in the site");
            }
            return m.group(1) + resolution.target().orElse(m.group(2));
        });
        out = Patterns.replace(IMAGE_ELEMENT, out, element -> {
            Matcher src = ATTRIBUTE.matcher(element.group());
            while (src.find()) {
                String target = src.group(2).substring(1, src.group(2).length() - 1);
                if (src.group(1).strip().startsWith("src") && resolve.apply(target).missing()) {
                    warnings.add("the image " + target + " is not in the site: it is left out");
                    return "";
                }
            }
            return element.group();
        });
        out = Patterns.replace(ATTRIBUTE, out, m -> {
            String quote = m.group(2).substring(0, 1);
            String target = m.group(2).substring(1, m.group(2).length() - 1);
            Resolution resolution = resolve.apply(target);
            if (resolution.missing()) {
                warnings.add("the file " + target + " is not in the site: its reference is left as written");
            }
            return m.group(1) + quote + resolution.target().orElse(target) + quote;
        });
        return new Rewritten(out, warnings);
    }

    /** Where a reference now points, or that it names a file that is missing; neither for what is not a file here. */
    private record Resolution(Optional<String> target, boolean missing) {
        static final Resolution AS_WRITTEN = new Resolution(Optional.empty(), false);
    }

    private static Resolution resolve(String target, String directory, Function<String, Optional<String>> pageFile,
                                      Function<String, Optional<String>> siteFile) {
        if (target.isEmpty() || target.startsWith("#") || target.startsWith("//") || SCHEME.matcher(target).find()
                || target.startsWith("{{")) {
            return Resolution.AS_WRITTEN;
        }
        String path = target.replaceAll("[?#].*$", "");
        String suffix = target.substring(path.length());
        String decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        Optional<String> found = path.startsWith("/") ? normalise("", decoded).flatMap(siteFile)
                : normalise(directory, decoded).flatMap(pageFile);
        if (found.isPresent()) {
            return new Resolution(Optional.of(found.get() + suffix), false);
        }
        int dot = decoded.lastIndexOf('.');
        boolean file = dot > decoded.lastIndexOf('/') && FILE_TYPES.contains(decoded.substring(dot + 1).toLowerCase(Locale.ROOT));
        return file ? new Resolution(Optional.empty(), true) : Resolution.AS_WRITTEN;
    }

    /** A site path for a file's path, each segment encoded for a URL ({@code img/chart one.png} → {@code img/chart%20one.png}). */
    public static String encodedPath(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            segments.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("/", segments);
    }

    /** {@code directory/relative} with {@code .} and {@code ..} resolved; empty if it would leave the content. */
    static Optional<String> normalise(String directory, String relative) {
        List<String> parts = new ArrayList<>();
        for (String part : (directory.isEmpty() ? relative : directory + "/" + relative).split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("/", parts));
    }

    private static String unbracket(String target) {
        return target.startsWith("<") && target.endsWith(">") ? target.substring(1, target.length() - 1) : target;
    }

}
