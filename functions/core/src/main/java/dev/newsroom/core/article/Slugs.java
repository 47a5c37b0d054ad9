package dev.newsroom.core.article;

import dev.newsroom.core.hash.Sha256;
import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Slugs use only {@code a-z}, {@code 0-9} and single inner hyphens, so a slug can never name a path
 * outside its folder, whatever an editor or a hostile upload writes (hostile case C4).
 */
public final class Slugs {

    public static final int MAX_LENGTH = 80;

    private static final Pattern JEKYLL_DATE_PREFIX = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}-");
    private static final Pattern SAFE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private Slugs() {
    }

    /**
     * Folds any text to the slug alphabet: compatibility forms first (so fullwidth {@code ．．／}
     * becomes {@code ../} and then nothing), accents dropped, everything else a hyphen.
     * Returns an empty string when nothing usable is left.
     */
    public static String normalise(String text) {
        String folded = Normalizer.normalize(Normalizer.normalize(text, Normalizer.Form.NFKC), Normalizer.Form.NFD);
        // One pass rather than a regular expression per step: every page makes slugs for its tags and authors.
        StringBuilder slug = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); ) {
            int c = folded.codePointAt(i);
            i += Character.charCount(c);
            if (isCombiningMark(c)) {
                continue;
            }
            // As String.toLowerCase(ROOT) would: its one mapping to more than a character, of İ, never meets it after NFD.
            c = Character.toLowerCase(c);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                slug.append((char) c);
            } else if (slug.isEmpty() || slug.charAt(slug.length() - 1) != '-') {
                slug.append('-');
            }
        }
        if (slug.length() > MAX_LENGTH) {
            slug.setLength(MAX_LENGTH);
        }
        return trimHyphens(slug.toString());
    }

    /**
     * The slug of a name that has a page of its own (a category, tag or author). A name with no
     * Latin letters or digits, such as "Политика" or "新闻", gets a stable slug from a hash of it,
     * so that every name has an address.
     */
    public static String forName(String name) {
        String slug = normalise(name);
        if (!slug.isEmpty()) {
            return slug;
        }
        return "n-" + Sha256.hex(Normalizer.normalize(name.strip(), Normalizer.Form.NFKC)).substring(0, 12);
    }

    /** The slug a source file gets when its front matter names none. */
    public static String fromSourceKey(String key) {
        String path = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        if (stem.equals("index") || stem.equals("_index")) {
            // A Hugo page bundle: the folder names the page.
            String parent = path.substring(0, Math.max(0, path.lastIndexOf('/')));
            stem = parent.substring(parent.lastIndexOf('/') + 1);
        }
        return normalise(JEKYLL_DATE_PREFIX.matcher(stem).replaceFirst(""));
    }

    /** The date a Jekyll post's file name begins with ({@code _posts/2024-05-01-title.md}), if it does. */
    public static Optional<String> jekyllDate(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return JEKYLL_DATE_PREFIX.matcher(name).find() ? Optional.of(name.substring(0, 10)) : Optional.empty();
    }

    /** True only for strings already in slug form; anything read back from storage is checked with this. */
    public static boolean isSafe(String slug) {
        return slug.length() <= MAX_LENGTH && SAFE.matcher(slug).matches();
    }

    /** Unicode's marks, {@code \p{M}}: the accents NFD splits off their letters. */
    private static boolean isCombiningMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    private static String trimHyphens(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }
}
