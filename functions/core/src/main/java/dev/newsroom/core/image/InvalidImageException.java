package dev.newsroom.core.image;

/** An upload refused as an image; the message says why, to the editor, after the file's name. */
public final class InvalidImageException extends Exception {

    public InvalidImageException(String reason) {
        super(reason);
    }
}
