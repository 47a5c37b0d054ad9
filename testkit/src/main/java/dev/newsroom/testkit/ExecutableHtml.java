package dev.newsroom.testkit;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/**
 * What in a piece of HTML a browser would run, as the fuzz targets check their output: a script
 * element, an event-handler attribute, or a {@code javascript:} address. Parsed with jsoup, as a
 * browser would read it, not searched as text.
 */
public final class ExecutableHtml {

    /** The attributes a browser follows or loads as an address: a script address anywhere else is only text. */
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "srcset", "action", "formaction", "xlink:href", "poster",
            "data", "background", "cite", "longdesc", "ping", "codebase", "dynsrc", "lowsrc", "manifest");

    private ExecutableHtml() {
    }

    /** The first thing in {@code html} that would run, described; empty if nothing would. */
    public static Optional<String> in(String html) {
        for (Element element : Jsoup.parseBodyFragment(html).getAllElements()) {
            if (element.normalName().equals("script")) {
                return Optional.of("a script element: " + element.outerHtml());
            }
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                String value = attribute.getValue().replaceAll("[\\s\\u0000-\\u001f]", "").toLowerCase(Locale.ROOT);
                if (name.startsWith("on")) {
                    return Optional.of("an event handler: " + element.outerHtml());
                }
                if (URL_ATTRIBUTES.contains(name) && (value.startsWith("javascript:") || value.startsWith("vbscript:"))) {
                    return Optional.of("a script address in " + name + ": " + element.outerHtml());
                }
            }
        }
        return Optional.empty();
    }
}
