package dev.newsroom.comments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.core.json.Json;
import java.util.Map;

/** An answer as API Gateway's HTTP API takes it from the function (payload format 2.0); a redirect has no body. */
record ApiResponse(int statusCode, Map<String, String> headers, String body) {

    byte[] json() {
        ObjectNode answer = Json.events().createObjectNode();
        answer.put("statusCode", statusCode);
        ObjectNode names = answer.putObject("headers");
        headers.forEach(names::put);
        if (body != null) {
            answer.put("body", body);
        }
        answer.put("isBase64Encoded", false);
        try {
            return Json.events().writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
