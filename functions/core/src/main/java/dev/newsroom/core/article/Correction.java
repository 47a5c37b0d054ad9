package dev.newsroom.core.article;

import java.time.Instant;
import java.util.Optional;

/**
 * A correction an article carries: the editor's note, in plain text, and when it was made. An
 * upload that names no date gets the time the note first appeared ({@link StoredArticle#revisedBy}).
 */
public record Correction(String text, Optional<Instant> at) {

    /** At most this many on one article, of at most {@link #MAX_TEXT} characters each. */
    public static final int MAX = 20;
    public static final int MAX_TEXT = 1000;

    public Correction dated(Instant when) {
        return new Correction(text, Optional.of(when));
    }
}
