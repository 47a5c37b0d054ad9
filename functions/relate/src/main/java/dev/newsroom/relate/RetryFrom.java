package dev.newsroom.relate;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a batch is to be delivered again from: the first record whose work did not all get done,
 * and why, and whether that was a failure or work that goes on in the next invocation on purpose.
 * Every record before it is fully applied and rendered (A6).
 */
record RetryFrom(int record, String reason, boolean failed) {

    static RetryFrom of(int record, RuntimeException failure) {
        return new RetryFrom(record, failure.getClass().getSimpleName() + ": " + failure.getMessage(), true);
    }

    /** Work too long for one invocation, which the next delivery of the batch goes on with. */
    static RetryFrom continuing(int record, String what) {
        return new RetryFrom(record, what, false);
    }

    /** The earliest of these, if any. */
    @SafeVarargs
    static Optional<RetryFrom> earliest(Optional<RetryFrom>... retries) {
        return earliest(List.of(retries));
    }

    static Optional<RetryFrom> earliest(Collection<Optional<RetryFrom>> retries) {
        return retries.stream().flatMap(Optional::stream).min(Comparator.comparingInt(RetryFrom::record));
    }
}
