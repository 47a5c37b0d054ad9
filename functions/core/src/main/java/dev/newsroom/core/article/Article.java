package dev.newsroom.core.article;

import dev.newsroom.core.image.ImageVariants;
import dev.newsroom.core.image.StoredImage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed article: its metadata, its body rendered to sanitised HTML, what the parser had to guess
 * or leave out, for the editor's report, and the keys of its {@code aliases}
 * ({@link dev.newsroom.core.site.OldUrls}), and what its body drew from the site's configuration
 * ({@link dev.newsroom.core.shortcode.Shortcodes#usesShortcode}), so that a change there finds it.
 * Stored articles carry neither warnings nor aliases: the redirects table keeps those.
 */
public record Article(ArticleMetadata metadata, String bodyHtml, List<Problem> warnings, List<String> aliases,
                      Set<String> siteSettingsUsed) {

    public Article {
        warnings = List.copyOf(warnings);
        aliases = List.copyOf(aliases);
        siteSettingsUsed = Set.copyOf(siteSettingsUsed);
    }

    public Article(ArticleMetadata metadata, String bodyHtml) {
        this(metadata, bodyHtml, List.of(), List.of(), Set.of());
    }

    /** This article with {@code changed} metadata, its body and the rest as they are. */
    public Article withMetadata(ArticleMetadata changed) {
        return new Article(changed, bodyHtml, warnings, aliases, siteSettingsUsed);
    }

    /** An image tag of the body, and the site path of its source: the renderer and the sanitiser write them alike. */
    private static final Pattern IMAGE = Pattern.compile("<img\\b[^>]*>");
    private static final Pattern SITE_SOURCE = Pattern.compile("\\ssrc=\"(/assets/[^\"]+)\"");

    /**
     * The site's own JPEG and PNG images the article shows ({@code /assets/...}): its lead image and
     * its body's, by path. Only those get variants and a recorded size ({@link ImageVariants#handles}).
     */
    public Set<String> siteImages() {
        Set<String> paths = new LinkedHashSet<>();
        metadata.image().map(LeadImage::src).filter(src -> src.startsWith("/assets/")).ifPresent(paths::add);
        Matcher tag = IMAGE.matcher(bodyHtml);
        while (tag.find()) {
            Matcher source = SITE_SOURCE.matcher(tag.group());
            if (source.find()) {
                paths.add(Entities.unescape(source.group(1)));
            }
        }
        paths.removeIf(path -> !ImageVariants.handles(path));
        return paths;
    }

    /**
     * This article with what the site knows of its images: the lead image's size and variants, and
     * each body image's {@code width} and {@code height} (unless its writer gave them) and {@code
     * srcset} over its variants, so that nothing shifts as it loads and each screen gets the
     * narrowest variant that fills it.
     */
    public Article withImages(Map<String, StoredImage> known) {
        if (known.isEmpty()) {
            return this;
        }
        ArticleMetadata meta = metadata.image().map(image -> metadata.withImage(image.stored(Optional.ofNullable(known.get(image.src())))))
                .orElse(metadata);
        StringBuilder body = new StringBuilder();
        Matcher tag = IMAGE.matcher(bodyHtml);
        while (tag.find()) {
            String img = tag.group();
            Matcher source = SITE_SOURCE.matcher(img);
            StoredImage image = source.find() ? known.get(Entities.unescape(source.group(1))) : null;
            if (image != null) {
                StringBuilder added = new StringBuilder();
                if (!img.contains(" width=") && !img.contains(" height=")) {
                    added.append(" width=\"").append(image.size().width()).append("\" height=\"").append(image.size().height()).append('"');
                }
                if (!image.widths().isEmpty() && !img.contains(" srcset=")) {
                    added.append(" srcset=\"").append(image.srcset(source.group(1))).append("\" sizes=\"").append(StoredImage.COLUMN_SIZES)
                            .append('"');
                }
                int end = img.endsWith("/>") ? img.length() - 2 : img.length() - 1;
                img = img.substring(0, end).stripTrailing() + added + img.substring(end);
            }
            tag.appendReplacement(body, Matcher.quoteReplacement(img));
        }
        tag.appendTail(body);
        return new Article(meta, body.toString(), warnings, aliases, siteSettingsUsed);
    }

    /** The article's public URL path, its identity. */
    public String path() {
        return metadata.path();
    }
}
