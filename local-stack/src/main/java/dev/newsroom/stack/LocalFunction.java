package dev.newsroom.stack;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import dev.newsroom.local.LambdaContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One function of {@code template.yaml}, hosted in this process the way Lambda hosts it: the handler
 * class named by {@code Handler}, built on first use from the template's environment, given events
 * as JSON through the Lambda runtime's own serialisation, and answering as JSON.
 */
final class LocalFunction {

    private final String id;
    private final String handlerClass;
    private final Map<String, String> environment;
    private final int timeoutSeconds;
    private RequestHandler<Object, Object> handler;
    private PojoSerializer<Object> input;
    private PojoSerializer<Object> output;

    LocalFunction(String id, String handlerClass, Map<String, String> environment, int timeoutSeconds) {
        this.id = id;
        this.handlerClass = handlerClass;
        this.environment = Map.copyOf(environment);
        this.timeoutSeconds = timeoutSeconds;
    }

    String id() {
        return id;
    }

    String handlerClass() {
        return handlerClass;
    }

    /** The environment Lambda would give the function, pointed at the local services. */
    Map<String, String> environment() {
        return environment;
    }

    /** Invokes the handler with an event's JSON and returns the response's JSON ({@code null} for none). */
    String invoke(String eventJson) {
        init();
        Object event = input.fromJson(eventJson);
        Object response = handler.handleRequest(event, LambdaContext.invocationOf(id, timeoutSeconds));
        if (response == null || output == null) {
            return null;
        }
        var json = new ByteArrayOutputStream();
        output.toJson(response, json);
        return json.toString(StandardCharsets.UTF_8);
    }

    /** Lambda's init phase: once, on the first invocation. */
    @SuppressWarnings("unchecked")
    private synchronized void init() {
        if (handler != null) {
            return;
        }
        try {
            Class<?> type = Class.forName(handlerClass);
            handler = (RequestHandler<Object, Object>) type.getConstructor(Map.class).newInstance(environment);
            HandlerTypes io = HandlerTypes.of(type);
            ClassLoader loader = type.getClassLoader();
            input = LambdaEventSerializers.serializerFor(io.input(), loader);
            output = io.returnsNothing() ? null : LambdaEventSerializers.serializerFor(io.output(), loader);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(id + ": cannot build " + handlerClass + " from its environment", e);
        }
    }
}
