package dev.newsroom.stack;

import dev.newsroom.testkit.CloudFormationTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One route of an HTTP API from {@code template.yaml} (an {@code AWS::ApiGatewayV2::Route}): a
 * method, or {@code ANY}, and a path whose {@code {name}} segments capture one segment and whose
 * last {@code {name+}} segment captures the rest; and, for a route behind a JWT authorizer, the
 * authorizer's name and the scopes the route requires.
 */
record HttpApiRoute(String functionId, String method, String path, Optional<String> authorizer, List<String> scopes) {

    HttpApiRoute(String functionId, String method, String path) {
        this(functionId, method, path, Optional.empty(), List.of());
    }

    /** The template's {@code AWS::ApiGatewayV2::Route}s, each with the function its integration invokes. */
    static List<HttpApiRoute> fromTemplate(CloudFormationTemplate template) {
        List<HttpApiRoute> routes = new ArrayList<>();
        template.resources("AWS::ApiGatewayV2::Route").values().forEach(route -> {
            var properties = route.path("Properties");
            String[] key = properties.path("RouteKey").asText().split(" ", 2);
            String integration = properties.path("Target").asText().replaceAll("^integrations/\\$\\{(.+)}$", "$1");
            String uri = template.resource(integration).path("Properties").path("IntegrationUri").asText();
            List<String> scopes = new ArrayList<>();
            properties.path("AuthorizationScopes").forEach(scope -> scopes.add(scope.asText()));
            routes.add(new HttpApiRoute(uri.replaceAll("\\.Alias$", ""), key[0], key[1],
                    Optional.of(properties.path("AuthorizerId").asText("")).filter(id -> !id.isEmpty()), List.copyOf(scopes)));
        });
        return routes;
    }

    String routeKey() {
        return method + " " + path;
    }

    /** Percent-decoding for a path: unlike a query string, {@code +} is a plus sign. */
    private static String decode(String raw) {
        return java.net.URLDecoder.decode(raw.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The path parameters if this route takes the request, else empty. */
    Optional<Map<String, String>> match(String requestMethod, String requestPath) {
        if (!method.equals("ANY") && !method.equalsIgnoreCase(requestMethod)) {
            return Optional.empty();
        }
        String[] pattern = path.split("/", -1);
        String[] actual = requestPath.split("/", -1);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String segment = pattern[i];
            boolean parameter = segment.startsWith("{") && segment.endsWith("}");
            if (parameter && segment.endsWith("+}") && i == pattern.length - 1) {
                if (i >= actual.length) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 2),
                        decode(String.join("/", List.of(actual).subList(i, actual.length))));
                return Optional.of(parameters);
            }
            if (i >= actual.length) {
                return Optional.empty();
            }
            if (parameter && !actual[i].isEmpty()) {
                parameters.put(segment.substring(1, segment.length() - 1), decode(actual[i]));
            } else if (!segment.equals(actual[i])) {
                return Optional.empty();
            }
        }
        return pattern.length == actual.length ? Optional.of(parameters) : Optional.empty();
    }
}
