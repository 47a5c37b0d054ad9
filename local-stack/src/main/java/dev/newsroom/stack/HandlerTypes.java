package dev.newsroom.stack;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** A handler's event and response classes, read from its {@code RequestHandler<I, O>} as Lambda's runtime reads them. */
record HandlerTypes(Class<Object> input, Class<Object> output) {

    static HandlerTypes of(Class<?> handler) {
        for (Type implemented : handler.getGenericInterfaces()) {
            if (implemented instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                Type[] io = p.getActualTypeArguments();
                return new HandlerTypes(raw(io[0]), raw(io[1]));
            }
        }
        throw new IllegalStateException(handler + " does not implement RequestHandler<I, O>");
    }

    boolean returnsNothing() {
        return Void.class.equals(output);
    }

    @SuppressWarnings("unchecked")
    private static Class<Object> raw(Type type) {
        return (Class<Object>) (type instanceof ParameterizedType p ? p.getRawType() : type);
    }
}
