package dev.newsroom.core.shortcode;

/** A body whose shortcodes Hugo itself would refuse to build: an unclosed call, a stray closing tag. */
public final class MalformedShortcodeException extends Exception {

    public MalformedShortcodeException(String message) {
        super(message, null, false, false);
    }
}
