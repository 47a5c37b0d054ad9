package dev.newsroom.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A function's cold start as Lambda runs it, in a JVM of its own with only the function's
 * deployable jar: builds the handler with its no-argument constructor from the process
 * environment, and hands it one event as Lambda's Java runtime does ({@link RuntimeHandler}).
 *
 * <p>Usage: {@code FirstInvoke [--primed] HANDLER_CLASS EVENT_JSON [WARM_EVENT_JSON] RESULT_JSON} (run through
 * {@link FreshJvm}). The result holds the init and first-invoke milliseconds and the response. It
 * uses nothing from the function's jar but the handler, so a class the jar lacks fails here as it
 * would on Lambda. With {@code --primed} the handler first runs its SnapStart priming, timed apart,
 * as it would before the snapshot: the first event is then roughly a restored instance's, without
 * the restore. With a second event, the same instance then handles it, as Lambda's next (warm)
 * invocation, timed apart.
 */
public final class FirstInvoke {

    private static final String PRIMED = "--primed";

    private FirstInvoke() {
    }

    public static void main(String[] args) throws Exception {
        boolean primed = args[0].equals(PRIMED);
        List<String> rest = List.of(args).subList(primed ? 1 : 0, args.length);
        List<Path> events = rest.subList(1, rest.size() - 1).stream().map(Path::of).toList();
        long start = System.nanoTime();
        Class<?> type = Class.forName(rest.get(0));
        Object handler = type.getConstructor().newInstance();
        long initialised = System.nanoTime();
        if (primed) {
            // Found by name: the test kit knows no product module, and the handler's jar brings the interface.
            type.getMethod("prime").invoke(handler);
        }
        long ready = System.nanoTime();
        // The runtime's serialisers, if the handler needs them, are made with the first event, as Lambda counts them.
        RuntimeHandler runtime = new RuntimeHandler(handler);
        String response = handle(runtime, type, events.get(0));
        long invoked = System.nanoTime();
        if (events.size() > 1) {
            handle(runtime, type, events.get(1));
        }
        long warm = System.nanoTime();
        Files.writeString(Path.of(rest.get(rest.size() - 1)), "{\"initMs\":" + (initialised - start) / 1e6
                + ",\"primeMs\":" + (ready - initialised) / 1e6 + ",\"invokeMs\":" + (invoked - ready) / 1e6
                + ",\"warmMs\":" + (warm - invoked) / 1e6 + ",\"response\":" + (response == null ? "null" : response) + "}");
    }

    private static String handle(RuntimeHandler runtime, Class<?> type, Path event) throws IOException {
        try (InputStream in = Files.newInputStream(event)) {
            return runtime.handle(in, LambdaContext.invocationOf(type.getSimpleName(), 30));
        }
    }
}
