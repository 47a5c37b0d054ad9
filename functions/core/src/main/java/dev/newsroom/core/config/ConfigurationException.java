package dev.newsroom.core.config;

/** The function's configuration is missing or wrong: a deployment mistake, reported at init. */
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }
}
