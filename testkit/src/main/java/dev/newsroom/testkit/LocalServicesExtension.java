package dev.newsroom.testkit;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: one {@link LocalServices} per test JVM, in memory, with the resources of {@code template.yaml}
 * created. Test classes take a {@link Provisioned} parameter.
 */
public final class LocalServicesExtension implements ParameterResolver {

    /** The running services and the names the template's resources got. */
    public record Provisioned(LocalServices services, Map<String, String> names) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        public String name(String logicalId) {
            String name = names.get(logicalId);
            if (name == null) {
                throw new IllegalArgumentException("template.yaml declares no bucket or table " + logicalId);
            }
            return name;
        }

        @Override
        public void close() throws Exception {
            services.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Provisioned.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Provisioned.class, key -> start(), Provisioned.class);
    }

    private static Provisioned start() {
        try {
            LocalServices services = LocalServices.start(Optional.empty());
            var names = new TemplateResources(CloudFormationTemplate.ofRepository()).create(services);
            return new Provisioned(services, names);
        } catch (Exception e) {
            throw new IllegalStateException("could not start DynamoDB Local and S3Proxy", e);
        }
    }
}
