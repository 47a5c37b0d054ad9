package dev.newsroom.core.article;

/**
 * Which comments wait for a moderator before anyone sees them: {@code ALL} of them, a commenter's
 * {@code FIRST} until one of theirs is approved, or {@code NONE} but what a rule holds. The site
 * chooses in {@code site.yaml}, and an article may choose otherwise in its front matter.
 */
public enum PreModeration {
    ALL, FIRST, NONE;

    /** The mode a front matter or site.yaml value names, in any case; none for anything else. */
    public static java.util.Optional<PreModeration> named(String value) {
        return java.util.Arrays.stream(values()).filter(mode -> mode.name().equalsIgnoreCase(value.strip())).findFirst();
    }
}
