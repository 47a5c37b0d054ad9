package dev.newsroom.testkit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * A handler called as Lambda's Java runtime calls it: a {@link RequestStreamHandler} reads the
 * event's JSON and writes its answer itself; a {@code RequestHandler<I, O>} gets the event, and
 * gives its answer, as objects of the types it declares, which the runtime's serialisation library
 * reads and writes.
 */
public final class RuntimeHandler {

    private final Object handler;
    /** For a {@code RequestHandler} only; no answers for one that returns {@code Void}. */
    private final PojoSerializer<Object> events;
    private final PojoSerializer<Object> answers;

    public RuntimeHandler(Object handler) {
        this.handler = handler;
        if (handler instanceof RequestStreamHandler) {
            this.events = null;
            this.answers = null;
        } else {
            Class<Object>[] io = declaredTypes(handler.getClass());
            ClassLoader loader = handler.getClass().getClassLoader();
            this.events = LambdaEventSerializers.serializerFor(io[0], loader);
            this.answers = Void.class.equals(io[1]) ? null : LambdaEventSerializers.serializerFor(io[1], loader);
        }
    }

    /** Handles one event's JSON; returns the answer's JSON, or {@code null} if there is none. */
    @SuppressWarnings("unchecked")
    public String handle(InputStream event, Context context) throws IOException {
        var answer = new ByteArrayOutputStream();
        if (handler instanceof RequestStreamHandler streams) {
            streams.handleRequest(event, answer, context);
        } else {
            Object response = ((RequestHandler<Object, Object>) handler).handleRequest(events.fromJson(event), context);
            if (response == null || answers == null) {
                return null;
            }
            answers.toJson(response, answer);
        }
        return answer.size() == 0 ? null : answer.toString(StandardCharsets.UTF_8);
    }

    public String handle(String event, Context context) {
        try {
            return handle(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event and answer types of a {@code RequestHandler<I, O>}, read from its declaration as the runtime reads them. */
    @SuppressWarnings("unchecked")
    private static Class<Object>[] declaredTypes(Class<?> handler) {
        for (Type implemented : handler.getGenericInterfaces()) {
            if (implemented instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                Type[] io = p.getActualTypeArguments();
                return new Class[] {raw(io[0]), raw(io[1])};
            }
        }
        throw new IllegalStateException(handler + " implements neither RequestStreamHandler nor RequestHandler<I, O>");
    }

    @SuppressWarnings("unchecked")
    private static Class<Object> raw(Type type) {
        return (Class<Object>) (type instanceof ParameterizedType p ? p.getRawType() : type);
    }
}
