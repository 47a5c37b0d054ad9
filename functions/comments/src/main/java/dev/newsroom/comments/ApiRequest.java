package dev.newsroom.comments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the function reads of API Gateway's HTTP API event (payload format 2.0), read straight from
 * its JSON. API Gateway leaves out what a request lacks: those maps read as empty, the body as empty.
 * Of what it always sends, an event without it reads as null (the method as empty).
 *
 * @param iamAuthorised whether API Gateway authorised the caller with IAM (the moderation routes)
 */
record ApiRequest(String routeKey, Optional<String> method, Map<String, String> headers, Map<String, String> pathParameters,
                  Map<String, String> query, String body, boolean base64Encoded, String sourceIp, boolean iamAuthorised) {

    static ApiRequest of(JsonNode event) {
        JsonNode http = event.path("requestContext").path("http");
        return new ApiRequest(event.path("routeKey").asText(null), Optional.ofNullable(http.path("method").asText(null)),
                texts(event.path("headers")), texts(event.path("pathParameters")), texts(event.path("queryStringParameters")),
                event.path("body").asText(""), event.path("isBase64Encoded").asBoolean(), http.path("sourceIp").asText(null),
                event.path("requestContext").path("authorizer").path("iam").isObject());
    }

    /** A header by its name in lower case, as API Gateway gives them; null if absent. */
    String header(String name) {
        return headers.get(name);
    }

    private static Map<String, String> texts(JsonNode object) {
        Map<String, String> texts = new HashMap<>();
        object.fields().forEachRemaining(field -> texts.put(field.getKey(), field.getValue().asText()));
        return texts;
    }
}
