package dev.newsroom.core.article;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Hugo's TOML front matter ({@code +++}) into the same plain tree as {@link FrontMatterYaml}:
 * maps, lists, text, booleans and nulls, with numbers and dates as text. Nesting is bounded as in
 * YAML (C3); TOML has no aliases and no tags.
 */
final class FrontMatterToml {

    private static final TomlMapper TOML = new TomlMapper();

    private FrontMatterToml() {
    }

    static Map<String, Object> read(String toml) throws InvalidArticleException {
        JsonNode root;
        try {
            root = TOML.readTree(toml);
        } catch (JacksonException e) {
            throw new InvalidArticleException("front matter", "is not valid TOML: " + e.getOriginalMessage());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = root == null ? new LinkedHashMap<>() : (Map<String, Object>) plain(root, 0);
        return fields;
    }

    private static Object plain(JsonNode node, int depth) throws InvalidArticleException {
        if (depth > FrontMatterYaml.MAX_DEPTH) {
            throw new InvalidArticleException("front matter", "is nested more than " + FrontMatterYaml.MAX_DEPTH + " levels deep");
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
                map.put(field.getKey(), plain(field.getValue(), depth + 1));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonNode item : node) {
                list.add(plain(item, depth + 1));
            }
            return list;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : node.asText();
    }
}
