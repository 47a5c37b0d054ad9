package dev.newsroom.core.article;

import dev.newsroom.core.json.Json;
import dev.newsroom.core.site.ArticlePaths;
import dev.newsroom.core.site.Permalinks;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.site.OldUrls;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a front-matter tree (from YAML or JSON alike) into {@link ArticleMetadata}, collecting every
 * problem at once so an editor fixes them in one go. The Hugo, Jekyll and WordPress-export spellings
 * documented in {@code docs/article-format.md} are accepted beside our own.
 */
final class FrontMatterMapper {

    static final String DEFAULT_CATEGORY = "News";
    static final int MAX_TITLE = 300;
    static final int MAX_SUMMARY = 1000;
    static final int MAX_NAME = 100;
    static final int MAX_BIO = 1000;
    static final int MAX_TAGS = 30;
    static final int MAX_TERM = 60;
    static final int MAX_RELATED_CHOICES = 10;
    /** Beyond this an alias is not an address but a mistake; shorter ones too long for the edge are left out with a warning. */
    static final int MAX_ALIAS_CHARS = 2000;

    private static final Pattern TWITTER_HANDLE = Pattern.compile("[A-Za-z0-9_]{1,15}");
    private static final Pattern TWITTER_PROFILE =
            Pattern.compile("https?://(?:www\\.)?(?:twitter|x)\\.com/([A-Za-z0-9_]{1,15})/?");
    /** What {@link #date} folds to ISO-8601 (a space before the time or the offset, +0000); compiled once, not per date. */
    private static final Pattern SPACE_BEFORE_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) (\\d)");
    private static final Pattern SPACE_BEFORE_OFFSET = Pattern.compile("(\\d) ([+-]\\d|Z$)");
    private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");

    private final SiteRules rules;
    private final Permalinks permalinks;
    private final boolean page;
    private final String siteName;
    private final ZoneId zone;
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    /** Validated metadata, the old addresses that redirect to it, and what had to be guessed or left out to get it. */
    record Mapped(ArticleMetadata metadata, List<String> aliases, List<Problem> warnings) {
    }

    private FrontMatterMapper(SiteRules rules, boolean page, String siteName, ZoneId zone) {
        this.rules = rules;
        this.permalinks = rules.permalinks();
        this.page = page;
        this.siteName = siteName;
        this.zone = zone;
    }

    /** The fields this format reads, spelled as documented (docs/article-format.md). */
    private static final List<String> FIELDS = List.of("title", "slug", "url", "date", "publishDate", "updated", "lastmod",
            "modified", "last_modified_at", "expiryDate", "unpublishDate", "author", "authors", "category", "categories", "tags",
            "summary", "description", "excerpt", "image", "images", "draft", "published", "comments", "commentModeration", "markup", "aliases", "lang",
            "correction", "corrections",
            "translationKey", "related");
    private static final Map<String, String> SPELLINGS = FIELDS.stream()
            .collect(java.util.stream.Collectors.toMap(name -> name.toLowerCase(Locale.ROOT), name -> name));

    /**
     * The fields with the names this format reads spelled as it spells them, whatever their case, as
     * Hugo reads front matter ({@code URL} is {@code url}, {@code publishdate} is {@code publishDate});
     * other fields as written. The same field written twice in two cases is refused (C7).
     */
    static Map<String, Object> canonical(Map<String, Object> written) throws InvalidArticleException {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : written.entrySet()) {
            String name = SPELLINGS.getOrDefault(field.getKey().toLowerCase(Locale.ROOT), field.getKey());
            if (fields.containsKey(name)) {
                throw new InvalidArticleException(name, "has the field " + name + " twice, in two spellings; keep one");
            }
            fields.put(name, field.getValue());
        }
        return fields;
    }

    /**
     * @param rules the site's languages, and the patterns that give an article whose front matter has no {@code url} its path
     * @param page  whether the file is a static page, which takes no comments
     */
    static Mapped map(Map<String, Object> fields, String sourceKey, SiteRules rules, boolean page,
                      String siteName, ZoneId zone) throws InvalidArticleException {
        var mapper = new FrontMatterMapper(rules, page, siteName, zone);
        ArticleMetadata metadata = mapper.map(fields, sourceKey);
        return new Mapped(metadata, mapper.aliases(fields, metadata.path()), List.copyOf(mapper.warnings));
    }

    private ArticleMetadata map(Map<String, Object> written, String uploadedKey) throws InvalidArticleException {
        // An empty optional field is an absent one, as exports write them (description: ""); the title must be given.
        Map<String, Object> fields = new LinkedHashMap<>(written);
        fields.entrySet().removeIf(field -> !field.getKey().equals("title")
                && field.getValue() instanceof String text && text.isBlank());
        String title = requiredText(fields, "title", MAX_TITLE);
        Written language = language(fields, uploadedKey);
        String sourceKey = language.sourceKey();
        String slug = slug(fields, sourceKey);
        // Hugo takes publishDate where date is not given; Jekyll, the date the post's file name begins with.
        Optional<String> dateField = firstPresent(fields, "date", "publishDate");
        if (dateField.isEmpty()) {
            dateField = Slugs.jekyllDate(sourceKey).map(day -> {
                fields.put("date", day);
                return "date";
            });
        }
        Instant published = dateField.flatMap(name -> date(fields, name)).orElse(null);
        if (dateField.isEmpty()) {
            problems.add(new Problem("date", "is required, as an ISO-8601 date such as 2024-05-01 or 2024-05-01T09:30:00Z"));
        }
        String path = path(fields, sourceKey, slug, title, Optional.ofNullable(published), language.lang());
        Optional<Instant> updated = firstPresent(fields, "updated", "lastmod", "modified", "last_modified_at")
                .flatMap(name -> date(fields, name));
        // With both, the date is the article's and publishDate when it goes public, as in Hugo.
        Optional<Instant> publishDate = dateField.filter(name -> name.equals("date")).flatMap(name -> date(fields, "publishDate"))
                .filter(at -> !at.equals(published));
        Optional<Instant> expires = firstPresent(fields, "expiryDate", "unpublishDate").flatMap(name -> date(fields, name));
        List<Author> authors = authors(fields);
        List<String> categoryNames = terms(fields, "categories");
        Optional<String> category = optionalText(fields, "category", MAX_TERM)
                .or(() -> categoryNames.stream().findFirst());
        List<String> tagNames = new ArrayList<>(terms(fields, "tags"));
        // Categories after the first stay findable as tags.
        categoryNames.stream().filter(name -> !category.orElse("").equals(name)).forEach(tagNames::add);
        Optional<String> summary = firstPresent(fields, "summary", "description", "excerpt")
                .flatMap(name -> optionalText(fields, name, MAX_SUMMARY));
        Optional<LeadImage> image = image(fields);
        boolean draft = flag(fields, "draft").orElse(false) || !flag(fields, "published").orElse(true);
        boolean commentsOpen = !page && comments(fields);
        Optional<PreModeration> commentModeration = commentModeration(fields);
        RelatedChoices related = related(fields);
        List<Correction> corrections = corrections(fields);

        if (!problems.isEmpty()) {
            throw new InvalidArticleException(problems);
        }
        return new ArticleMetadata(path, slug, title, published, updated, authors,
                Term.named(category.orElse(DEFAULT_CATEGORY)), tags(tagNames), summary, image, draft, commentsOpen, commentModeration, related, page,
                language.lang(), translationKey(fields, sourceKey), publishDate, expires, corrections);
    }

    /**
     * The language an article is written in, where it is not the site's default, and its file's key
     * without the language: {@code post.es.md} is {@code post.md} in Spanish, as Hugo names
     * translations, when es is one of the site's languages.
     */
    private record Written(Optional<String> lang, String sourceKey) {
    }

    private Written language(Map<String, Object> fields, String sourceKey) {
        int slash = sourceKey.lastIndexOf('/');
        String name = sourceKey.substring(slash + 1);
        int extension = name.lastIndexOf('.');
        int suffix = extension > 0 ? name.lastIndexOf('.', extension - 1) : -1;
        Optional<String> lang = Optional.empty();
        if (suffix > 0) {
            String code = name.substring(suffix + 1, extension).toLowerCase(Locale.ROOT);
            if (rules.languages().contains(code)) {
                lang = rules.otherLanguage(code);
                sourceKey = sourceKey.substring(0, slash + 1) + name.substring(0, suffix) + name.substring(extension);
            }
        }
        Optional<String> given = optionalText(fields, "lang", 40).map(code -> code.toLowerCase(Locale.ROOT));
        if (given.isPresent() && rules.multilingual()) {
            if (rules.languages().contains(given.get())) {
                lang = rules.otherLanguage(given.get());
            } else {
                warnings.add(new Problem("lang", "'" + given.get() + "' is not one of the site's languages ("
                        + String.join(", ", rules.languages()) + ", in site.yaml)"
                        + lang.map(code -> ": published in " + code).orElse(": published in the site's default language")));
            }
        }
        return new Written(lang, sourceKey);
    }

    /** On a site of several languages, what an article's versions share: its translationKey, else its file without its language. */
    private Optional<String> translationKey(Map<String, Object> fields, String sourceKey) {
        if (!rules.multilingual()) {
            return Optional.empty();
        }
        int extension = sourceKey.lastIndexOf('.');
        return optionalText(fields, "translationKey", 200)
                .or(() -> Optional.of(extension > sourceKey.lastIndexOf('/') ? sourceKey.substring(0, extension) : sourceKey));
    }

    private String slug(Map<String, Object> fields, String sourceKey) {
        Optional<String> given = optionalText(fields, "slug", 200);
        String slug = given.map(Slugs::normalise).orElseGet(() -> Slugs.fromSourceKey(sourceKey));
        if (slug.isEmpty()) {
            problems.add(given.isPresent()
                    ? new Problem("slug", "must contain letters or digits")
                    : new Problem("slug", "the file name has no letters or digits to make a slug from; set slug in the front matter"));
        }
        return slug;
    }

    /**
     * The article's public path: its {@code url}, as Hugo's front matter gives it (from the site's
     * root, the leading slash optional); else a static page's slug at the root; else its section's
     * permalink pattern, filled in with its slug, title and publication day in the site's zone. A
     * language other than the default prefixes it ({@code /es/...}), as it does a relative {@code url}.
     */
    private String path(Map<String, Object> fields, String sourceKey, String slug, String title, Optional<Instant> published,
                        Optional<String> lang) {
        String prefix = SiteLayout.languagePrefix(lang);
        Optional<String> url = optionalText(fields, "url", ArticlePaths.MAX_LENGTH);
        if (url.isEmpty()) {
            if (slug.isEmpty() || published.isEmpty() && !page) {
                return "";
            }
            if (page) {
                return prefix + SiteLayout.pagePath(slug);
            }
            Permalinks.Place place = Permalinks.Place.ofSourceKey(sourceKey);
            String path = prefix + permalinks.path(Permalinks.Values.of(place, slug, title, published.map(p -> p.atZone(zone).toLocalDate())));
            ArticlePaths.problem(path).ifPresent(problem -> problems.add(new Problem("url",
                    "the permalink pattern " + permalinks.pattern(place.section()) + " of the section " + place.section()
                            + " gives " + path + ", which cannot be an article's address (" + problem + "); give the article a url or a slug")));
            return path;
        }
        String path = url.get().startsWith("/") ? url.get() : prefix + "/" + url.get();
        ArticlePaths.problem(path).ifPresent(problem -> problems.add(new Problem("url", problem)));
        return path;
    }

    /**
     * The keys of {@code aliases} ({@link OldUrls}); one that cannot redirect here is left out with a
     * warning, so the article is still published.
     */
    private List<String> aliases(Map<String, Object> fields, String path) {
        List<String> keys = new ArrayList<>();
        List<String> given = terms(fields, "aliases", MAX_ALIAS_CHARS);
        for (String alias : given) {
            OldUrls.Key key = OldUrls.key(alias, path);
            key.problem().ifPresent(problem -> warnings.add(new Problem("aliases", problem + "; left out")));
            key.values().stream().filter(k -> !k.equals(path) && !keys.contains(k)).forEach(keys::add);
        }
        if (keys.size() > OldUrls.MAX_PER_ARTICLE) {
            warnings.add(new Problem("aliases", "at most " + OldUrls.MAX_PER_ARTICLE + " redirect here; the first "
                    + OldUrls.MAX_PER_ARTICLE + " are kept"));
            return List.copyOf(keys.subList(0, OldUrls.MAX_PER_ARTICLE));
        }
        return List.copyOf(keys);
    }

    private List<Author> authors(Map<String, Object> fields) {
        List<Author> authors = new ArrayList<>();
        for (String name : List.of("author", "authors")) {
            Object node = fields.get(name);
            if (node == null) {
                continue;
            }
            if (node instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    authors.addAll(author(list.get(i), name + "[" + i + "]"));
                }
            } else {
                authors.addAll(author(node, name));
            }
        }
        if (authors.isEmpty()) {
            authors.add(Author.site(siteName));
        }
        return authors;
    }

    /** The authors a byline names: one for a mapping, and one or more for text (see {@link Bylines}). */
    private List<Author> author(Object value, String field) {
        if (value instanceof String text) {
            return Bylines.parse(text, MAX_NAME).stream().map(credit -> Author.person(
                    shortened(credit.name(), MAX_NAME, field),
                    Optional.empty(), Optional.empty(),
                    credit.link().flatMap(link -> linkOrWarning(link, field)),
                    credit.affiliation().map(a -> shortened(a, MAX_NAME, field + " affiliation")))).toList();
        }
        if (!(value instanceof Map)) {
            problems.add(new Problem(field, "must be a name, or a mapping with name, bio, twitter, url and affiliation"));
            return List.of();
        }
        Map<String, Object> node = Json.object(value);
        Optional<String> name = optionalText(node, "name", MAX_NAME, field + ".name");
        if (name.isEmpty()) {
            problems.add(new Problem(field + ".name", "is required"));
            return List.of();
        }
        Optional<String> bio = optionalText(node, "bio", MAX_BIO, field + ".bio");
        Optional<String> twitter = optionalText(node, "twitter", 100, field + ".twitter").flatMap(t -> twitter(t, field + ".twitter"));
        Optional<String> url = optionalText(node, "url", 500, field + ".url").flatMap(u -> webUrl(u, field + ".url"));
        Optional<String> affiliation = optionalText(node, "affiliation", MAX_NAME, field + ".affiliation");
        return List.of(Author.person(name.get(), bio, twitter, url, affiliation));
    }

    /** A byline's text cut at a word to fit, with a warning: no byline is refused for its length. */
    private String shortened(String text, int max, String field) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        String cut = MarkdownRenderer.shorten(text, max);
        warnings.add(new Problem(field, "'" + text + "' is longer than " + max + " characters: shown as '" + cut + "'"));
        return cut;
    }

    /** A byline's link, if it is an absolute http(s) URL; anything else is left out with a warning. */
    private Optional<String> linkOrWarning(String link, String field) {
        Optional<String> url = absoluteWebUrl(link);
        if (url.isEmpty()) {
            warnings.add(new Problem(field, "the link " + link + " is not an absolute http(s) URL: the author is shown without it"));
        }
        return url;
    }

    private Optional<String> twitter(String value, String field) {
        String handle = value.startsWith("@") ? value.substring(1) : value;
        var profile = TWITTER_PROFILE.matcher(value);
        if (profile.matches()) {
            handle = profile.group(1);
        }
        if (!TWITTER_HANDLE.matcher(handle).matches()) {
            problems.add(new Problem(field, "'" + value + "' is not a Twitter handle (letters, digits and _, at most 15)"));
            return Optional.empty();
        }
        return Optional.of(handle);
    }

    private Optional<String> webUrl(String value, String field) {
        Optional<String> url = absoluteWebUrl(value);
        if (url.isEmpty()) {
            problems.add(new Problem(field, "must be an absolute http(s) URL"));
        }
        return url;
    }

    private static Optional<String> absoluteWebUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(uri.toASCIIString());
            }
        } catch (java.net.URISyntaxException e) {
            // not a URL at all
        }
        return Optional.empty();
    }

    private Optional<LeadImage> image(Map<String, Object> fields) {
        Object node = fields.get("image");
        String field = "image";
        List<Object> images = Json.array(fields.get("images"));
        if (node == null && !images.isEmpty()) {
            node = images.get(0);
            field = "images[0]";
        }
        if (node == null) {
            return Optional.empty();
        }
        String src;
        String alt = "";
        Optional<String> caption = Optional.empty();
        Optional<String> credit = Optional.empty();
        if (node instanceof String text) {
            src = text.trim();
        } else if (node instanceof Map) {
            Map<String, Object> value = Json.object(node);
            src = firstPresent(value, "src", "path", "url").map(name -> Json.text(value.get(name), "").trim()).orElse("");
            alt = optionalText(value, "alt", 500, field + ".alt").orElse("");
            caption = optionalText(value, "caption", 500, field + ".caption");
            credit = optionalText(value, "credit", 200, field + ".credit");
        } else {
            problems.add(new Problem(field, "must be a path or a mapping with src, alt, caption and credit"));
            return Optional.empty();
        }
        Optional<String> location = imageSource(src, field);
        String altText = alt;
        Optional<String> captionText = caption;
        Optional<String> creditText = credit;
        return location.map(s -> new LeadImage(s, altText, captionText, creditText));
    }

    /** Images live on the site ({@code /assets/...}) or at an absolute https URL; nothing else loads. */
    private Optional<String> imageSource(String src, String field) {
        if (src.startsWith("https://")) {
            return webUrl(src, field);
        }
        String path = src.startsWith("/") ? src.substring(1) : src;
        if (path.startsWith("assets/") && !path.contains("..") && !path.contains("\\") && !path.contains("//")
                && path.chars().noneMatch(c -> c < 0x21 || c == '"' || c == '\'' || c == '<' || c == '>')) {
            return Optional.of("/" + path);
        }
        problems.add(new Problem(field, "must be a path under /assets/ or an https URL, not '" + src + "'"));
        return Optional.empty();
    }

    /**
     * {@code correction}: a note, a mapping with {@code text} and {@code date}, or a list of either
     * (also spelled {@code corrections}), oldest first.
     */
    private List<Correction> corrections(Map<String, Object> fields) {
        Optional<String> field = firstPresent(fields, "correction", "corrections");
        if (field.isEmpty()) {
            return List.of();
        }
        Object value = fields.get(field.get());
        List<Object> notes = value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
        if (notes.size() > Correction.MAX) {
            problems.add(new Problem(field.get(), "has more than " + Correction.MAX + " corrections"));
            return List.of();
        }
        List<Correction> corrections = new ArrayList<>();
        for (int i = 0; i < notes.size(); i++) {
            String name = field.get() + (value instanceof List ? "[" + i + "]" : "");
            Object note = notes.get(i);
            if (note instanceof Map) {
                Map<String, Object> mapping = Json.object(note);
                Optional<String> text = optionalText(mapping, "text", Correction.MAX_TEXT, name + ".text");
                if (text.isEmpty()) {
                    problems.add(new Problem(name + ".text", "is required"));
                } else {
                    corrections.add(new Correction(text.get(), date(mapping, "date")));
                }
            } else if (note != null && Json.isScalar(note)) {
                nonBlank(note.toString(), name, Correction.MAX_TEXT).ifPresent(text -> corrections.add(new Correction(text, Optional.empty())));
            } else {
                problems.add(new Problem(name, "must be a note, or a mapping with text and date"));
            }
        }
        return corrections;
    }

    /**
     * {@code related: {pin: [...], exclude: [...]}}: the editor's say over "More articles", naming
     * articles by path, or by slug for an article at its default path.
     */
    private RelatedChoices related(Map<String, Object> fields) {
        Object value = fields.get("related");
        if (value == null) {
            return RelatedChoices.NONE;
        }
        if (!(value instanceof Map)) {
            problems.add(new Problem("related", "must be a mapping with pin and exclude lists"));
            return RelatedChoices.NONE;
        }
        Map<String, Object> node = Json.object(value);
        List<String> pinned = relatedPaths(node, "pin");
        List<String> excluded = relatedPaths(node, "exclude");
        return new RelatedChoices(pinned, java.util.Set.copyOf(excluded));
    }

    private List<String> relatedPaths(Map<String, Object> related, String name) {
        List<String> paths = new ArrayList<>();
        for (String given : terms(related, name)) {
            Optional<String> path = given.startsWith("/")
                    ? Optional.of(given).filter(ArticlePaths::isSafe)
                    : Optional.of(Slugs.normalise(given)).filter(slug -> !slug.isEmpty()).flatMap(permalinks::bySlug);
            if (path.isEmpty()) {
                problems.add(new Problem("related." + name, "'" + given + "' is neither an article's path nor a slug"));
            } else if (!paths.contains(path.get())) {
                paths.add(path.get());
            }
        }
        if (paths.size() > MAX_RELATED_CHOICES) {
            problems.add(new Problem("related." + name, "at most " + MAX_RELATED_CHOICES + " articles"));
        }
        return paths;
    }

    private boolean comments(Map<String, Object> fields) {
        Object node = fields.get("comments");
        if (node == null) {
            return true;
        }
        String value = Json.text(node, "").trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "open", "true" -> {
                return true;
            }
            case "closed", "false" -> {
                return false;
            }
            default -> {
                problems.add(new Problem("comments", "must be open or closed"));
                return true;
            }
        }
    }

    /** The article's own pre-moderation, over the site's: {@code all}, {@code first} or {@code none}. */
    private Optional<PreModeration> commentModeration(Map<String, Object> fields) {
        Object node = fields.get("commentModeration");
        if (node == null) {
            return Optional.empty();
        }
        Optional<PreModeration> mode = PreModeration.named(Json.text(node, ""));
        if (mode.isEmpty()) {
            problems.add(new Problem("commentModeration", "must be all, first or none"));
        }
        return mode;
    }

    private Optional<Instant> date(Map<String, Object> fields, String name) {
        Object node = fields.get(name);
        if (node == null) {
            return Optional.empty();
        }
        String text = Json.text(node, "").trim();
        String iso = COMPACT_OFFSET.matcher(SPACE_BEFORE_OFFSET.matcher(SPACE_BEFORE_TIME.matcher(text).replaceFirst("$1T$2"))
                .replaceFirst("$1$2")).replaceFirst("$1:$2");
        try {
            return Optional.of(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(iso).atZone(zone).toInstant());
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(iso).atStartOfDay(zone).toInstant());
                } catch (DateTimeParseException notDate) {
                    problems.add(new Problem(name, "'" + text + "' is not an ISO-8601 date such as 2024-05-01 or 2024-05-01T09:30:00Z"));
                    return Optional.empty();
                }
            }
        }
    }

    private Optional<Boolean> flag(Map<String, Object> fields, String name) {
        Object node = fields.get(name);
        if (node == null) {
            return Optional.empty();
        }
        if (node instanceof Boolean value) {
            return Optional.of(value);
        }
        problems.add(new Problem(name, "must be true or false"));
        return Optional.empty();
    }

    /** A list of names, or one name: {@code tags: [a, b]}, {@code tags: a, b} or {@code categories: News}. */
    private List<String> terms(Map<String, Object> fields, String name) {
        return terms(fields, name, MAX_TERM);
    }

    private List<String> terms(Map<String, Object> fields, String name, int max) {
        Object node = fields.get(name);
        List<String> names = new ArrayList<>();
        if (node == null) {
            return names;
        }
        if (node instanceof String text) {
            for (String part : text.split(",")) {
                nonBlank(part, name, max).ifPresent(names::add);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                if (Json.isScalar(item)) {
                    nonBlank(item.toString(), name + "[" + i + "]", max).ifPresent(names::add);
                } else {
                    problems.add(new Problem(name + "[" + i + "]", "must be a name"));
                }
            }
        } else {
            problems.add(new Problem(name, "must be a list of names"));
        }
        return names;
    }

    private List<Term> tags(List<String> names) {
        Map<String, Term> bySlug = new LinkedHashMap<>();
        for (String name : names) {
            Term term = Term.named(name);
            if (!term.slug().isEmpty()) {
                bySlug.putIfAbsent(term.slug(), term);
            }
        }
        if (bySlug.size() > MAX_TAGS) {
            problems.add(new Problem("tags", "at most " + MAX_TAGS + " tags, not " + bySlug.size()));
        }
        return List.copyOf(bySlug.values());
    }

    private String requiredText(Map<String, Object> fields, String name, int max) {
        if (!has(fields, name)) {
            problems.add(new Problem(name, "is required"));
            return "";
        }
        if (Json.isScalar(fields.get(name)) && fields.get(name).toString().isBlank()) {
            problems.add(new Problem(name, "must not be empty"));
            return "";
        }
        return optionalText(fields, name, max).orElse("");
    }

    private Optional<String> optionalText(Map<String, Object> fields, String name, int max) {
        return optionalText(fields, name, max, name);
    }

    private Optional<String> optionalText(Map<String, Object> fields, String name, int max, String field) {
        Object node = fields.get(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!Json.isScalar(node)) {
            problems.add(new Problem(field, "must be text"));
            return Optional.empty();
        }
        // Inside a mapping too, an empty optional field is an absent one.
        return node.toString().isBlank() ? Optional.empty() : nonBlank(node.toString(), field, max);
    }

    private Optional<String> nonBlank(String value, String field, int max) {
        String text = value.strip();
        if (text.isEmpty()) {
            problems.add(new Problem(field, "must not be empty"));
            return Optional.empty();
        }
        if (text.codePointCount(0, text.length()) > max) {
            problems.add(new Problem(field, "is longer than " + max + " characters"));
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private static boolean has(Map<String, Object> fields, String name) {
        return fields.get(name) != null;
    }

    private static Optional<String> firstPresent(Map<String, Object> fields, String... names) {
        for (String name : names) {
            if (has(fields, name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
