package dev.newsroom.stack;

import dev.newsroom.testkit.RuntimeHandler;
import dev.newsroom.testkit.LambdaContext;
import java.util.Map;

/**
 * One function of {@code template.yaml}, hosted in this process the way Lambda hosts it: the handler
 * class named by {@code Handler}, built on first use from the template's environment, given events
 * as JSON as Lambda's runtime gives them ({@link RuntimeHandler}), and answering as JSON.
 */
public final class LocalFunction {

    private final String id;
    private final String handlerClass;
    private final Map<String, String> environment;
    private final int timeoutSeconds;
    private RuntimeHandler handler;

    LocalFunction(String id, String handlerClass, Map<String, String> environment, int timeoutSeconds) {
        this.id = id;
        this.handlerClass = handlerClass;
        this.environment = Map.copyOf(environment);
        this.timeoutSeconds = timeoutSeconds;
    }

    public String id() {
        return id;
    }

    public String handlerClass() {
        return handlerClass;
    }

    /** The environment Lambda would give the function, pointed at the local services. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Invokes the handler with an event's JSON and returns the response's JSON ({@code null} for none). */
    public String invoke(String eventJson) {
        return init().handle(eventJson, LambdaContext.invocationOf(id, timeoutSeconds));
    }

    /** Lambda's init phase: once, on the first invocation. */
    private synchronized RuntimeHandler init() {
        if (handler != null) {
            return handler;
        }
        try {
            handler = new RuntimeHandler(Class.forName(handlerClass).getConstructor(Map.class).newInstance(environment));
            return handler;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(id + ": cannot build " + handlerClass + " from its environment", e);
        }
    }
}
