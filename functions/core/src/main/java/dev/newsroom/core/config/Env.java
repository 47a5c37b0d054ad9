package dev.newsroom.core.config;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Environment-style configuration, read once at init. Empty values count as unset, because
 * CloudFormation parameters default to "". It remembers every name asked for, so a test can prove
 * that {@code template.yaml} sets each variable the code reads.
 */
public final class Env {

    private final Map<String, String> values;
    private final Set<String> read = new LinkedHashSet<>();

    public Env(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public String require(String name) {
        return optional(name).orElseThrow(() -> new ConfigurationException(name + " is not set"));
    }

    public Optional<String> optional(String name) {
        read.add(name);
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public String optional(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    /** The names read so far. */
    public Set<String> read() {
        return Set.copyOf(read);
    }
}
