package dev.newsroom.comments;

import dev.newsroom.core.config.ConfigurationException;
import dev.newsroom.core.config.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Secrets, read once at init and kept in memory, never logged (E6). On AWS each comes from an SSM
 * Parameter Store SecureString named by {@code <NAME>_PARAMETER}; in the local stack from a file
 * named by {@code <NAME>_FILE}. A secret is never a plain environment variable.
 */
final class Secrets implements AutoCloseable {

    private final Env env;
    private final java.util.function.Supplier<SsmClient> newClient;
    private SsmClient ssm;

    /** @param newClient builds the SSM client, once, on the first parameter read */
    Secrets(Env env, java.util.function.Supplier<SsmClient> newClient) {
        this.env = env;
        this.newClient = newClient;
    }

    String read(String name) {
        return optional(name).orElseThrow(() -> new ConfigurationException(name + "_PARAMETER (an SSM SecureString name) is not set"));
    }

    /** A secret that may be absent: none when neither variable is set, or the parameter or file does not exist. */
    java.util.Optional<String> optional(String name) {
        var parameter = env.optional(name + "_PARAMETER");
        if (parameter.isPresent()) {
            if (ssm == null) {
                ssm = newClient.get();
            }
            try {
                return java.util.Optional.of(ssm.getParameter(r -> r.name(parameter.get()).withDecryption(true)).parameter().value());
            } catch (software.amazon.awssdk.services.ssm.model.ParameterNotFoundException missing) {
                return java.util.Optional.empty();
            }
        }
        var file = env.optional(name + "_FILE");
        if (file.isPresent()) {
            try {
                return java.util.Optional.of(Files.readString(Path.of(file.get())).strip());
            } catch (java.nio.file.NoSuchFileException missing) {
                return java.util.Optional.empty();
            } catch (IOException e) {
                throw new ConfigurationException(name + "_FILE cannot be read: " + e.getMessage());
            }
        }
        return java.util.Optional.empty();
    }

    /** Secrets are read at init only; the client goes with it. */
    @Override
    public void close() {
        if (ssm != null) {
            ssm.close();
        }
    }
}
