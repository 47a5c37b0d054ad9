package dev.newsroom.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code template.yaml}, read as plain YAML. CloudFormation's short-form tags ({@code !Ref X},
 * {@code !GetAtt X.Y}, {@code !Sub ...}) read as their plain values, which is all the local stack
 * and the consistency tests need.
 */
public final class CloudFormationTemplate {

    private final JsonNode root;

    private CloudFormationTemplate(JsonNode root) {
        this.root = root;
    }

    public static CloudFormationTemplate read(Path file) throws IOException {
        return new CloudFormationTemplate(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
    }

    /** The template at the root of this repository. */
    public static CloudFormationTemplate ofRepository() throws IOException {
        return read(repositoryRoot().resolve("template.yaml"));
    }

    public static Path repositoryRoot() {
        String root = System.getProperty("newsroom.root");
        return Path.of(root == null ? "." : root).toAbsolutePath().normalize();
    }

    public JsonNode root() {
        return root;
    }

    /** Resources of one type, by logical id, in template order. */
    public Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        root.path("Resources").fields().forEachRemaining(entry -> {
            if (type.equals(entry.getValue().path("Type").asText())) {
                found.put(entry.getKey(), entry.getValue());
            }
        });
        return found;
    }

    public JsonNode resource(String logicalId) {
        JsonNode resource = root.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new IllegalArgumentException("template.yaml has no resource " + logicalId);
        }
        return resource;
    }
}
