package dev.newsroom.migrate;

import dev.newsroom.core.settings.SiteSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an import will upload to the source bucket, and what becomes of each file of the source site,
 * with the reason wherever it is not simply published.
 */
public final class ImportPlan {

    /** An object to put in the source bucket. */
    public record Upload(String key, byte[] bytes) {
    }

    /**
     * A comment the source site showed or held, as the comments API's import takes it: its
     * reference there, the one it replies to, and its fields as text.
     */
    public record Comment(String ref, Optional<String> parentRef, String name, Optional<String> email, Optional<String> website,
                          String body, String createdAt, String status) {
    }

    /** What becomes of one file of the source site. */
    public enum Result {
        PUBLISHED("published"),
        WARNED("published with warnings"),
        REFUSED("refused"),
        NOT_IMPORTED("not imported");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One file's outcome.
     *
     * @param cause        why it is refused or not imported, worded the same for every file it applies to
     * @param details      the file's own problems or warnings
     * @param originalUrl  where the source site published it, if it did
     * @param newsroomUrl  where Newsroom publishes it
     */
    public record Outcome(String file, Result result, String cause, List<String> details, Optional<String> originalUrl,
                          Optional<String> newsroomUrl) {

        public static Outcome notImported(String file, String cause, Optional<String> originalUrl) {
            return new Outcome(file, Result.NOT_IMPORTED, cause, List.of(), originalUrl, Optional.empty());
        }

        public static Outcome refused(String file, String cause, List<String> details, Optional<String> originalUrl) {
            return new Outcome(file, Result.REFUSED, cause, List.copyOf(details), originalUrl, Optional.empty());
        }

        /** Published, with warnings if there are any. */
        public static Outcome published(String file, List<String> warnings, Optional<String> originalUrl, String newsroomUrl) {
            return new Outcome(file, warnings.isEmpty() ? Result.PUBLISHED : Result.WARNED, "", List.copyOf(warnings), originalUrl,
                    Optional.of(newsroomUrl));
        }
    }

    private final String unit;
    private final Map<String, Upload> uploads = new LinkedHashMap<>();
    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<String> assumptions = new ArrayList<>();
    private final Map<String, List<Comment>> comments = new LinkedHashMap<>();

    /** @param unit what the source is made of, as the report counts it ("files", "items") */
    public ImportPlan(String unit) {
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }

    public void upload(String key, byte[] bytes) {
        uploads.putIfAbsent(key, new Upload(key, bytes));
    }

    /**
     * The {@code site.yaml} the import writes: uploaded before every other file, so the articles are
     * read under it; given again, it replaces the one before.
     */
    public void siteSettings(byte[] bytes) {
        Map<String, Upload> reordered = new LinkedHashMap<>();
        reordered.put(SiteSettings.KEY, new Upload(SiteSettings.KEY, bytes));
        uploads.forEach(reordered::putIfAbsent);
        uploads.clear();
        uploads.putAll(reordered);
    }

    public void record(Outcome outcome) {
        outcomes.add(outcome);
    }

    /** The comments of the article at {@code path}, oldest first, each after the one it replies to. */
    public void comments(String path, List<Comment> articleComments) {
        if (!articleComments.isEmpty()) {
            comments.put(path, List.copyOf(articleComments));
        }
    }

    /** Comments to import, by the path of their article. */
    public Map<String, List<Comment>> comments() {
        return java.util.Collections.unmodifiableMap(comments);
    }

    public int commentCount() {
        return comments.values().stream().mapToInt(List::size).sum();
    }

    /** Something the import had to assume about the source site, said once in the report. */
    public void assume(String assumption) {
        assumptions.add(assumption);
    }

    public List<Upload> uploads() {
        return List.copyOf(uploads.values());
    }

    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public List<String> assumptions() {
        return List.copyOf(assumptions);
    }
}
