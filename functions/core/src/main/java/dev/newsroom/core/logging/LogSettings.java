package dev.newsroom.core.logging;

import dev.newsroom.core.config.ConfigurationException;
import dev.newsroom.core.config.Env;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.event.Level;

/**
 * What a function's log lines say about it, and how much they say: read once from its environment
 * ({@code SERVICE_NAME}, {@code LOG_LEVEL}, and {@code STACK_NAME}, its metrics' dimension;
 * template.yaml sets them for every function).
 */
public record LogSettings(String service, Level level, String stack) {

    public static final LogSettings DEFAULT = new LogSettings("newsroom", Level.INFO, "newsroom");

    public static LogSettings from(Env env) {
        String level = env.optional("LOG_LEVEL").orElse(DEFAULT.level().name()).toUpperCase(Locale.ROOT);
        if (Arrays.stream(Level.values()).noneMatch(l -> l.name().equals(level))) {
            throw new ConfigurationException("LOG_LEVEL is " + level + "; it must be one of ERROR, WARN, INFO, DEBUG or TRACE");
        }
        return new LogSettings(env.optional("SERVICE_NAME").orElse(DEFAULT.service()), Level.valueOf(level),
                env.optional("STACK_NAME").orElse(DEFAULT.stack()));
    }

    boolean enabled(Level candidate) {
        return candidate.toInt() >= level.toInt();
    }
}
