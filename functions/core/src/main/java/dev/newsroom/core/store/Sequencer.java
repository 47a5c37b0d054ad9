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

    /**
     * The order of an article's state: its upload's sequencer, then the version of the site
     * configuration it was read under. Both parts are fixed-width, so text order is the order of the
     * upload first and the configuration second, and the same upload read again under a newer
     * configuration comes after it.
     */
    public static String underSettings(String uploadSequencer, String settingsVersion) {
        return upload(uploadSequencer) + "." + settingsVersion;
    }

    /**
     * The order of an article's state changed by time (an embargo lifted, an expiry reached) at
     * {@code at}: after the state it was read as, and before the same upload read under a newer
     * configuration, since {@code -} sorts before {@code .}.
     */
    public static String due(String stateSequencer, java.time.Instant at) {
        return stateSequencer + "-" + String.format(Locale.ROOT, "%015d", at.toEpochMilli());
    }

    /** The upload's own sequencer within an article state's order. */
    public static String upload(String sequencer) {
        return sequencer.length() > WIDTH ? sequencer.substring(0, WIDTH) : sequencer;
    }

    public static String normalise(String sequencer) {
        String upper = sequencer.toUpperCase(Locale.ROOT);
        if (!HEX.matcher(upper).matches()) {
            throw new IllegalArgumentException("not an S3 sequencer: " + sequencer);
        }
        return upper + "0".repeat(WIDTH - upper.length());
    }
}
