package dev.newsroom.core.store;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * S3's per-key event order. AWS compares sequencers by right-padding the shorter with zeros and
 * comparing as text; we store them padded to a fixed width, so DynamoDB conditions can compare too.
 */
public final class Sequencer {

    private static final int WIDTH = 32;
    private static final Pattern HEX = Pattern.compile("[0-9A-F]{1," + WIDTH + "}");

    private Sequencer() {
    }

    public static String normalise(String sequencer) {
        String upper = sequencer.toUpperCase(Locale.ROOT);
        if (!HEX.matcher(upper).matches()) {
            throw new IllegalArgumentException("not an S3 sequencer: " + sequencer);
        }
        return upper + "0".repeat(WIDTH - upper.length());
    }
}
