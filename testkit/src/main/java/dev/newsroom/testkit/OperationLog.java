package dev.newsroom.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Appends {@code Service:Operation} for every request any SDK client sends to the file named by
 * the system property {@value #FILE_PROPERTY}. {@link FreshJvm#operations} puts it in a function's
 * JVM through the SDK's global interceptor list, in a run that is not timed, to learn which calls
 * the function's first event makes, so that its floor makes one of each.
 */
public final class OperationLog implements ExecutionInterceptor {

    public static final String FILE_PROPERTY = "newsroom.operations";

    private final Path file = Path.of(System.getProperty(FILE_PROPERTY));

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + "\n";
        try {
            synchronized (this) {
                Files.writeString(file, operation, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
