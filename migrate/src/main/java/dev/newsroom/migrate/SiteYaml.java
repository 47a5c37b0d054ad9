package dev.newsroom.migrate;

import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.settings.SiteSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The {@code site.yaml} an import writes from what the source site says: YAML that the publish
 * function is sure to accept, since it is read back as the publish function reads it first.
 */
public final class SiteYaml {

    private static final Dump YAML = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build());

    private SiteYaml() {
    }

    /**
     * The file's bytes, headed by where it came from ({@code import hugo}); none where Newsroom would
     * refuse it or a value cannot be written as YAML, with the reason in {@code notes}.
     */
    public static Optional<byte[]> write(String command, Map<String, Object> settings, List<String> notes) {
        try {
            return Optional.of(accepted("# Written by ./newsroom " + command + " from the site's configuration"
                    + " (docs/site-configuration.md).\n", settings));
        } catch (InvalidArticleException refused) {
            notes.add("site.yaml is not written as it is: " + refused.getMessage());
        } catch (RuntimeException notWritable) {
            notes.add("site.yaml is not written as it is: a value cannot be written as YAML (" + notWritable.getMessage() + ")");
        }
        return Optional.empty();
    }

    /** Whether the publish function accepts these settings; its refusal otherwise. */
    public static Optional<InvalidArticleException> refusal(Map<String, Object> settings) {
        try {
            accepted("", settings);
            return Optional.empty();
        } catch (InvalidArticleException refused) {
            return Optional.of(refused);
        }
    }

    private static byte[] accepted(String header, Map<String, Object> settings) throws InvalidArticleException {
        byte[] bytes = (header + YAML.dumpToString(settings)).getBytes(StandardCharsets.UTF_8);
        SiteSettings.read(bytes);
        return bytes;
    }
}
