package dev.newsroom.core.article;

import dev.newsroom.core.json.Json;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads YAML front matter into a plain JSON tree (maps, lists, text, booleans and nulls), and nothing else.
 *
 * <p>It works on the parser's event stream rather than a YAML object constructor, so no tag can
 * ever instantiate a class (C1), an alias may name only a text value, so nothing expands (C2), and
 * nesting is counted as it is read, without recursion (C3). Anchors are allowed, as Hugo sites write
 * them ({@code eventUrl: &eventUrl https://…}). Size is bounded by the caller.
 * Plain scalars resolve per the YAML 1.2 core schema to null, booleans or text; numbers and dates stay text.
 */
public final class FrontMatterYaml {

    static final int MAX_DEPTH = 16;
    /** What an anchor on a list or mapping stands for: aliases may not repeat those. */
    private static final Object COLLECTION = new Object();

    /**
     * Built once: the settings are immutable, and building them, schema and all, was a sixth of the
     * cost of reading a front matter. No decoded source is longer than its bytes, so the code point
     * limit never binds before the caller's own bounds.
     */
    private static final Parse PARSER = new Parse(LoadSettings.builder()
            .setLabel("front matter")
            .setAllowDuplicateKeys(false)
            .setMaxAliasesForCollections(0)
            .setCodePointLimit(ArticleParser.MAX_SOURCE_BYTES)
            .build());

    private FrontMatterYaml() {
    }

    public static Map<String, Object> read(String yaml) throws InvalidArticleException {
        Deque<Frame> open = new ArrayDeque<>();
        Map<String, Object> anchored = new HashMap<>();
        Object root = null;
        int documents = 0;
        try {
            for (Event event : PARSER.parseString(yaml)) {
                switch (event.getEventId()) {
                    case DocumentStart -> {
                        if (++documents > 1) {
                            throw invalid("front matter must be a single YAML document");
                        }
                    }
                    case Alias -> {
                        String name = ((AliasEvent) event).getAlias().getValue();
                        Object value = anchored.get(name);
                        if (value == COLLECTION) {
                            throw invalid("YAML aliases of lists or mappings (*" + name + ") are not allowed in front matter");
                        }
                        if (!anchored.containsKey(name)) {
                            throw invalid("the alias *" + name + " names no anchor (&" + name + ") before it");
                        }
                        root = attach(open, value, root);
                    }
                    case Scalar -> {
                        ScalarEvent scalar = (ScalarEvent) event;
                        refuseTags(scalar.getTag().isPresent());
                        Object value = scalar(scalar);
                        scalar.getAnchor().ifPresent(anchor -> anchored.put(anchor.getValue(), value));
                        root = attach(open, value, root);
                    }
                    case MappingStart, SequenceStart -> {
                        CollectionStartEvent start = (CollectionStartEvent) event;
                        refuseTags(start.getTag().isPresent());
                        start.getAnchor().ifPresent(anchor -> anchored.put(anchor.getValue(), COLLECTION));
                        if (open.size() >= MAX_DEPTH) {
                            throw invalid("front matter is nested more than " + MAX_DEPTH + " levels deep");
                        }
                        Object collection = event.getEventId() == Event.ID.MappingStart
                                ? new LinkedHashMap<String, Object>() : new ArrayList<>();
                        root = attach(open, collection, root);
                        open.push(new Frame(collection));
                    }
                    case MappingEnd, SequenceEnd -> open.pop();
                    default -> { }
                }
            }
        } catch (YamlEngineException e) {
            throw invalid("is not valid YAML: " + firstLine(e.getMessage()));
        }
        if (root == null) {
            return new LinkedHashMap<>();
        }
        if (!(root instanceof Map)) {
            throw invalid("front matter must be a mapping of field names to values");
        }
        return Json.object(root);
    }

    /** An open mapping or sequence; a mapping remembers the key whose value comes next. */
    private static final class Frame {
        final Object node;
        String pendingKey;

        Frame(Object node) {
            this.node = node;
        }
    }

    @SuppressWarnings("unchecked")
    private static Object attach(Deque<Frame> open, Object value, Object root) throws InvalidArticleException {
        Frame parent = open.peek();
        if (parent == null) {
            return value;
        }
        if (parent.node instanceof List<?> list) {
            ((List<Object>) list).add(value);
        } else if (parent.pendingKey == null) {
            if (!Json.isScalar(value)) {
                throw invalid("front matter keys must be plain text");
            }
            Map<?, ?> fields = (Map<?, ?>) parent.node;
            if (fields.containsKey(value.toString())) {
                throw invalid("has the field " + value + " twice; keep one");
            }
            parent.pendingKey = value.toString();
        } else {
            ((Map<String, Object>) parent.node).put(parent.pendingKey, value);
            parent.pendingKey = null;
        }
        return root;
    }

    /**
     * Text, a boolean, or null: the plain scalars YAML 1.2's core schema reads as null or a boolean,
     * spelled out. Numbers and dates stay text, so the schema's other patterns are never needed;
     * matching them took about 3% of the time of rendering a page.
     */
    private static Object scalar(ScalarEvent scalar) {
        String value = scalar.getValue();
        if (!scalar.isPlain()) {
            return value;
        }
        return switch (value) {
            case "", "~", "null", "Null", "NULL" -> null;
            case "true", "True", "TRUE" -> Boolean.TRUE;
            case "false", "False", "FALSE" -> Boolean.FALSE;
            default -> value;
        };
    }

    private static void refuseTags(boolean tagged) throws InvalidArticleException {
        if (tagged) {
            throw invalid("YAML tags (such as !!str or !!java...) are not allowed in front matter");
        }
    }

    private static InvalidArticleException invalid(String message) {
        return new InvalidArticleException("front matter", message);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
