package dev.newsroom.core.site;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The permalink pattern of each section: which URL path an article gets when its front matter gives
 * no {@code url}. A section is the first folder under the article prefix ({@code articles/blog/…} is
 * in {@code blog}); files directly under it are in the root section, written {@code /}. A section
 * without a pattern of its own takes the root's, and the root's is {@code /articles/:slug} unless the
 * site configuration says otherwise. The tokens are Hugo's, so a Hugo site's patterns carry over as
 * they are written; each value is cleaned as Hugo cleans it (lower case, spaces to hyphens). Pure.
 */
public record Permalinks(Map<String, String> bySection) {

    /** The root section's name: files directly under the article prefix. */
    public static final String ROOT = "/";
    public static final String DEFAULT_PATTERN = "/articles/:slug";
    public static final Permalinks STANDARD = new Permalinks(Map.of());
    public static final int MAX_PATTERN_LENGTH = 100;

    private static final Pattern TOKEN = Pattern.compile(":(yearday|year|monthname|month|day|weekdayname|weekday"
            + "|sections|section|slugorcontentbasename|slugorfilename|contentbasename|filename|slug|title)");
    /** Tokens that differ between two articles of a section, one of which a pattern must have. */
    private static final Pattern DISTINCT_TOKEN = Pattern.compile(":(slug|title|filename|contentbasename|slugorfilename|slugorcontentbasename)");
    private static final Pattern DATE_OR_TITLE_TOKEN = Pattern.compile(":(year|month|day|weekday|title)");
    private static final Pattern LITERAL = Pattern.compile("[a-z0-9/_.-]*");

    public Permalinks {
        bySection = Map.copyOf(new LinkedHashMap<>(bySection));
    }

    /**
     * Where an article's file sits under the article prefix ({@code blog/2021/collector/index.md}).
     *
     * @param section  its first folder, or {@link #ROOT}
     * @param sections every folder between the prefix and the file ({@code blog/2021}), Hugo's {@code :sections}
     * @param baseName the file's name without its extension, or a page bundle's folder ({@code collector})
     */
    public record Place(String section, String sections, String baseName) {

        /** The place of a source key whose first folder is the upload prefix ({@code articles/blog/x.md}). */
        public static Place ofSourceKey(String sourceKey) {
            String underPrefix = sourceKey.substring(sourceKey.indexOf('/') + 1);
            String[] parts = underPrefix.split("/");
            int last = parts.length - 1;
            String name = parts[last];
            int dot = name.lastIndexOf('.');
            String stem = dot > 0 ? name.substring(0, dot) : name;
            if ((stem.equals("index") || stem.equals("_index")) && last > 0) {
                // A page bundle: its folder names it.
                stem = parts[--last];
            }
            String sections = String.join("/", java.util.Arrays.copyOfRange(parts, 0, last));
            return new Place(last == 0 ? ROOT : parts[0], sections, stem);
        }
    }

    /**
     * What a pattern's tokens stand for, for one article: its place, title and publication day, what
     * {@code :slug} gives, and what {@code :slugorfilename} gives. An article's own slug is both (its
     * front matter's {@code slug}, else its file's name); Hugo's {@code :slug} falls back to the title.
     */
    public record Values(Place place, String slug, String slugOrFileName, String title, Optional<LocalDate> day) {

        public static Values of(Place place, String slug, String title, Optional<LocalDate> day) {
            return new Values(place, slug, slug, title, day);
        }
    }

    public String pattern(String section) {
        return bySection.getOrDefault(section, bySection.getOrDefault(ROOT, DEFAULT_PATTERN));
    }

    /** The path an article at its place gets: its section's pattern with the tokens filled in. */
    public String path(Values values) {
        return expand(pattern(values.place().section()), values);
    }

    /**
     * The path of a root article known only by its slug, as {@code related} and {@code ref} name one:
     * there is one only while the root's pattern needs nothing but the slug.
     */
    public Optional<String> bySlug(String slug) {
        String pattern = pattern(ROOT);
        if (DATE_OR_TITLE_TOKEN.matcher(pattern).find()) {
            return Optional.empty();
        }
        String path = expand(pattern, Values.of(new Place(ROOT, "", slug), slug, "", Optional.empty()));
        return Optional.of(path).filter(ArticlePaths::isSafe);
    }

    /** Why {@code pattern} cannot be a permalink pattern, if it cannot: worded for the site's editor. */
    public static Optional<String> problem(String pattern) {
        if (!pattern.startsWith("/") || pattern.length() > MAX_PATTERN_LENGTH) {
            return Optional.of("must be a path pattern from the site's root of at most " + MAX_PATTERN_LENGTH
                    + " characters, such as /blog/:year/:month/:slug/, not '" + pattern + "'");
        }
        Matcher tokens = TOKEN.matcher(pattern);
        String literal = tokens.replaceAll("");
        if (!LITERAL.matcher(literal).matches() || pattern.contains("..") || pattern.contains("//")) {
            return Optional.of("'" + pattern + "' may hold only lower-case letters, digits, single / and ., _ and -, and the tokens :year, :month,"
                    + " :monthname, :day, :weekday, :weekdayname, :yearday, :section, :sections, :slug, :title, :filename,"
                    + " :contentbasename, :slugorfilename and :slugorcontentbasename");
        }
        if (!DISTINCT_TOKEN.matcher(pattern).find()) {
            return Optional.of("'" + pattern + "' gives every article the same address: it needs :slug, :title, :filename,"
                    + " :contentbasename, :slugorfilename or :slugorcontentbasename");
        }
        return Optional.empty();
    }

    /** {@code pattern} with its tokens filled in from {@code values}, and the result cleaned as Hugo cleans a path. */
    public static String expand(String pattern, Values values) {
        Optional<LocalDate> day = values.day();
        Place place = values.place();
        Matcher tokens = TOKEN.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (tokens.find()) {
            String value = switch (tokens.group(1)) {
                case "year" -> day.map(d -> String.format("%04d", d.getYear())).orElse("");
                case "month" -> day.map(d -> String.format("%02d", d.getMonthValue())).orElse("");
                case "monthname" -> day.map(d -> d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)).orElse("");
                case "day" -> day.map(d -> String.format("%02d", d.getDayOfMonth())).orElse("");
                case "weekday" -> day.map(d -> String.valueOf(d.getDayOfWeek().getValue() % 7)).orElse("");
                case "weekdayname" -> day.map(d -> d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)).orElse("");
                case "yearday" -> day.map(d -> String.valueOf(d.getDayOfYear())).orElse("");
                case "section" -> place.section().equals(ROOT) ? "" : place.section();
                case "sections" -> place.sections();
                case "title" -> values.title();
                case "filename", "contentbasename" -> place.baseName();
                case "slug" -> values.slug();
                default -> values.slugOrFileName(); // slugorfilename, slugorcontentbasename
            };
            tokens.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        tokens.appendTail(out);
        return clean(out.toString());
    }

    /** A path as Hugo makes one: each segment's spaces made hyphens, only letters, digits and . _ - + ~ kept, lower case. */
    public static String clean(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            String cleaned = segment(segment);
            if (!cleaned.isEmpty()) {
                out.append('/').append(cleaned);
            }
        }
        return out.isEmpty() ? "/" : out + (path.endsWith("/") ? "/" : "");
    }

    private static String segment(String text) {
        StringBuilder out = new StringBuilder();
        text.strip().codePoints().forEach(c -> {
            if (Character.isWhitespace(c)) {
                out.append('-');
            } else if (Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
                    || ".-_+~%#".indexOf(c) >= 0) {
                out.appendCodePoint(c);
            }
        });
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
