package dev.newsroom.core.logging;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The invocation a handler's log lines belong to. Each line written through SLF4J while
 * {@link #during} runs carries the function's name and version, the request id, whether this was
 * the instance's first invocation (its cold start) and the X-Ray trace id.
 */
public final class JsonLogs {

    /** One per thread, since the local stack runs several functions in one JVM. */
    private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();
    private static final AtomicBoolean COLD = new AtomicBoolean(true);

    record Invocation(LogSettings settings, Context context, boolean coldStart) {
    }

    private JsonLogs() {
    }

    /** Runs one invocation's work with its log fields set. {@code context} is null only in tests. */
    public static <T> T during(LogSettings settings, Context context, Supplier<T> work) {
        Invocation outer = CURRENT.get();
        CURRENT.set(new Invocation(settings, context, COLD.getAndSet(false)));
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    static Invocation current() {
        return CURRENT.get();
    }
}
