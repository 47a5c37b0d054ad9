package dev.newsroom.local;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: one {@link LocalAws} per test JVM, in memory, with the resources of {@code template.yaml}
 * created. Test classes take a {@link LocalStack} parameter.
 */
public final class LocalAwsExtension implements ParameterResolver {

    /** The running services and the names the template's resources got. */
    public record LocalStack(LocalAws aws, Map<String, String> names) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        public String name(String logicalId) {
            String name = names.get(logicalId);
            if (name == null) {
                throw new IllegalArgumentException("template.yaml declares no bucket or table " + logicalId);
            }
            return name;
        }

        @Override
        public void close() throws Exception {
            aws.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(LocalStack.class, key -> start(), LocalStack.class);
    }

    private static LocalStack start() {
        try {
            LocalAws aws = LocalAws.start(Optional.empty());
            var names = new TemplateResources(CloudFormationTemplate.ofRepository()).create(aws);
            return new LocalStack(aws, names);
        } catch (Exception e) {
            throw new IllegalStateException("could not start DynamoDB Local and S3Proxy", e);
        }
    }
}
