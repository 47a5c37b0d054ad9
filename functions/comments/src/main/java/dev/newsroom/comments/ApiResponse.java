package dev.newsroom.comments;

import dev.newsroom.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer as API Gateway's HTTP API takes it from the function (payload format 2.0); a redirect has no body. */
record ApiResponse(int statusCode, Map<String, String> headers, String body) {

    byte[] json() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("statusCode", statusCode);
        answer.put("headers", headers);
        if (body != null) {
            answer.put("body", body);
        }
        answer.put("isBase64Encoded", false);
        return Json.writeUtf8(answer);
    }
}
