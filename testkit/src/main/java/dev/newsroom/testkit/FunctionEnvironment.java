package dev.newsroom.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment {@code template.yaml} gives a function (its Globals plus its own variables),
 * resolved for a local run: {@code !Ref} to a parameter gives its default, to a resource its local
 * name, and {@code ${...}} inside {@code !Sub} likewise. Values that only AWS can resolve
 * (conditions, attributes) must come from {@code overrides}.
 */
public final class FunctionEnvironment {

    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");

    private FunctionEnvironment() {
    }

    /** The variable names the template sets for the function, unresolved. */
    public static Map<String, JsonNode> declared(CloudFormationTemplate template, String functionId) {
        Map<String, JsonNode> vars = new LinkedHashMap<>();
        template.root().path("Globals").path("Function").path("Environment").path("Variables").fields()
                .forEachRemaining(e -> vars.put(e.getKey(), e.getValue()));
        template.resource(functionId).path("Properties").path("Environment").path("Variables").fields()
                .forEachRemaining(e -> vars.put(e.getKey(), e.getValue()));
        return vars;
    }

    public static Map<String, String> resolve(CloudFormationTemplate template, String functionId,
                                              Map<String, String> resourceNames, Map<String, String> overrides) {
        Map<String, String> env = new LinkedHashMap<>();
        declared(template, functionId).forEach((name, value) -> {
            if (overrides.containsKey(name)) {
                env.put(name, overrides.get(name));
            } else if (value.isValueNode()) {
                env.put(name, resolveText(template, value.asText(), resourceNames, name));
            } else {
                throw new IllegalArgumentException(name + " of " + functionId + " needs AWS to resolve; pass it in overrides");
            }
        });
        overrides.forEach(env::putIfAbsent);
        return env;
    }

    private static String resolveText(CloudFormationTemplate template, String text, Map<String, String> resourceNames,
                                      String variable) {
        String whole = reference(template, text, resourceNames);
        if (whole != null) {
            return whole;
        }
        Matcher m = SUB.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String resolved = reference(template, m.group(1), resourceNames);
            if (resolved == null) {
                throw new IllegalArgumentException(variable + " refers to ${" + m.group(1) + "}, which only AWS resolves; pass it in overrides");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String reference(CloudFormationTemplate template, String name, Map<String, String> resourceNames) {
        JsonNode parameter = template.root().path("Parameters").path(name);
        if (!parameter.isMissingNode()) {
            return parameter.path("Default").asText("");
        }
        return resourceNames.get(name);
    }
}
