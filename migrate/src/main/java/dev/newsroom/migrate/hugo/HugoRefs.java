package dev.newsroom.migrate.hugo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Hugo's {@code ref} and {@code relref} calls, resolved at import to the URL their page keeps. The
 * publish function alone can only resolve a reference to a page at the root's pattern; the import
 * knows every page's URL. A path is found as Hugo finds it: from the content's root when it starts
 * with {@code /}, else beside the calling page and then from the root; with or without its
 * extension; a bundle by its folder. A name alone ({@code "collector"}) also finds the one page of
 * that name, as older Hugo did. A call that names no page this import publishes stays as written,
 * with a warning. Pure.
 */
final class HugoRefs {

    private static final Pattern CALL = Pattern.compile("\\{\\{(?:<\\s*(?:rel)?ref\\s+([^<>]*?)\\s*/?>|%\\s*(?:rel)?ref\\s+([^%]*?)\\s*/?%)}}");
    private static final Pattern ARGUMENT = Pattern.compile("(?:(\\w+)=)?(\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`|[^\\s\"`]+)");
    private static final Pattern EXTENSION = Pattern.compile("\\.(md|markdown|html)$");

    /** Each page's URL, by its language and its path in the content without extension ({@code en:blog/2021/collector}). */
    private final Map<String, String> byPath = new HashMap<>();
    /** The URL of the one page of each language and base name; empty where several share it. */
    private final Map<String, Optional<String>> byName = new HashMap<>();

    /** @param urls each page's URL, by the page */
    HugoRefs(Map<HugoContent.Page, String> urls) {
        urls.forEach((page, url) -> {
            if (page.kind() == HugoContent.Kind.SECTION) {
                return;
            }
            String path = page.kind() == HugoContent.Kind.BUNDLE ? page.directory()
                    : (page.directory().isEmpty() ? "" : page.directory() + "/") + page.baseName();
            byPath.put(page.language() + ":" + path, url);
            byName.merge(page.language() + ":" + page.baseName(), Optional.of(url), (one, other) -> Optional.empty());
        });
    }

    /** A body with its calls resolved, and a warning for each that names no page this import publishes. */
    record Resolved(String body, List<String> warnings) {
    }

    /** The body with each call that names a page here replaced by that page's path, and its anchor. */
    Resolved resolve(String body, HugoContent.Page page) {
        Matcher call = CALL.matcher(body);
        StringBuilder out = new StringBuilder(body.length());
        List<String> warnings = new ArrayList<>();
        while (call.find()) {
            String arguments = call.group(1) != null ? call.group(1) : call.group(2);
            Optional<String> url = target(arguments, page);
            if (url.isEmpty() && !arguments.strip().matches("[\"`]?#.*|")) {
                warnings.add(call.group() + " names no page this import publishes (several share the name, or it is not published):"
                        + " it is left as written");
            }
            call.appendReplacement(out, Matcher.quoteReplacement(url.orElse(call.group())));
        }
        call.appendTail(out);
        return new Resolved(out.toString(), warnings);
    }

    private Optional<String> target(String arguments, HugoContent.Page page) {
        Map<String, String> named = new HashMap<>();
        String positional = null;
        Matcher argument = ARGUMENT.matcher(arguments);
        while (argument.find()) {
            String value = unquote(argument.group(2));
            if (argument.group(1) != null) {
                named.put(argument.group(1), value);
            } else if (positional == null) {
                positional = value;
            }
        }
        String reference = named.getOrDefault("path", positional);
        if (reference == null) {
            return Optional.empty();
        }
        int hash = reference.indexOf('#');
        String fragment = hash < 0 ? "" : reference.substring(hash);
        String path = withoutExtension((hash < 0 ? reference : reference.substring(0, hash)).replaceAll("/+$", ""));
        if (path.isEmpty()) {
            return Optional.empty(); // an anchor of the page itself, which the publish function keeps
        }
        String language = named.getOrDefault("lang", page.language());
        Optional<String> found;
        if (path.startsWith("/")) {
            found = fromRoot(path, language);
        } else {
            // Beside the page: a bundle's own folder, then the folder it is in.
            found = Stream.of(page.directory(), page.sections()).distinct()
                    .map(folder -> byPath.get(language + ":" + normal((folder.isEmpty() ? "" : folder + "/") + path)))
                    .filter(java.util.Objects::nonNull).findFirst()
                    .or(() -> fromRoot(path, language))
                    .or(() -> path.contains("/") ? Optional.empty() : byName.getOrDefault(language + ":" + path, Optional.empty()));
        }
        return found.map(url -> url + fragment);
    }

    /** The URL of the page of this language at a path from the content's root, as a menu's {@code pageRef} names it. */
    Optional<String> fromRoot(String path, String language) {
        return Optional.ofNullable(byPath.get(language + ":" + normal(withoutExtension(path.replaceAll("/+$", "")))));
    }

    private static String unquote(String value) {
        if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
            return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        if (value.startsWith("`") && value.endsWith("`") && value.length() >= 2) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String withoutExtension(String path) {
        return EXTENSION.matcher(path).replaceFirst("");
    }

    /** A path with its {@code .} and {@code ..} folders worked out; one that climbs above the content names nothing. */
    private static String normal(String path) {
        java.util.Deque<String> folders = new java.util.ArrayDeque<>();
        for (String folder : path.split("/")) {
            if (folder.equals("..")) {
                if (folders.isEmpty()) {
                    return "\0";
                }
                folders.removeLast();
            } else if (!folder.isEmpty() && !folder.equals(".")) {
                folders.addLast(folder);
            }
        }
        String joined = String.join("/", folders);
        return joined.endsWith("/index") ? joined.substring(0, joined.length() - "/index".length()) : joined;
    }
}
