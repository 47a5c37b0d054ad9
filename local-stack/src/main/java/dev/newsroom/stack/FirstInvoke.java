package dev.newsroom.stack;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.newsroom.local.LambdaContext;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A function's cold start as Lambda runs it, in a JVM of its own with only the function's
 * deployable jar: builds the handler with its no-argument constructor from the process
 * environment, reads one event as Lambda's Java runtime does, and handles it.
 *
 * <p>Usage: {@code FirstInvoke HANDLER_CLASS EVENT_JSON RESULT_JSON} (run through {@link FreshJvm}). The result holds the init and
 * first-invoke milliseconds and the response. It uses nothing from the function's jar but the
 * handler, so a class the jar lacks fails here as it would on Lambda.
 */
public final class FirstInvoke {

    private FirstInvoke() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Class<?> type = Class.forName(args[0]);
        var handler = (RequestHandler<Object, Object>) type.getConstructor().newInstance();
        long initialised = System.nanoTime();
        HandlerTypes io = HandlerTypes.of(type);
        PojoSerializer<Object> input = LambdaEventSerializers.serializerFor(io.input(), type.getClassLoader());
        Object response;
        try (InputStream event = Files.newInputStream(Path.of(args[1]))) {
            response = handler.handleRequest(input.fromJson(event), LambdaContext.invocationOf(type.getSimpleName(), 30));
        }
        long invoked = System.nanoTime();
        String body = "null";
        if (response != null) {
            var json = new ByteArrayOutputStream();
            LambdaEventSerializers.serializerFor(io.output(), type.getClassLoader()).toJson(response, json);
            body = json.toString(StandardCharsets.UTF_8);
        }
        Files.writeString(Path.of(args[2]), "{\"initMs\":" + (initialised - start) / 1e6 + ",\"invokeMs\":"
                + (invoked - initialised) / 1e6 + ",\"response\":" + body + "}");
    }
}
