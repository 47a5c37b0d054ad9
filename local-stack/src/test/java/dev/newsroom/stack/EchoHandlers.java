package dev.newsroom.stack;

import dev.newsroom.testkit.LocalJson;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** HTTP API handlers for plumbing tests. */
final class EchoHandlers {

    private EchoHandlers() {
    }

    /** Answers 201 with the event it received, as JSON, plus a header and two cookies. */
    public static final class Echo implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        public Echo(Map<String, String> environment) {
        }

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            try {
                return APIGatewayV2HTTPResponse.builder()
                        .withStatusCode(201)
                        .withHeaders(Map.of("Content-Type", "application/json", "X-Handler", "echo"))
                        .withCookies(List.of("session=abc; HttpOnly", "theme=dark"))
                        .withBody(LocalJson.mapper().writeValueAsString(event))
                        .build();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Answers the request body reversed, base64-encoded, as API Gateway expects binary answers. */
    public static final class Binary implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        public Binary(Map<String, String> environment) {
        }

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            byte[] in = event.getIsBase64Encoded() ? Base64.getDecoder().decode(event.getBody()) : event.getBody().getBytes();
            byte[] out = new byte[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = in[in.length - 1 - i];
            }
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withIsBase64Encoded(true)
                    .withHeaders(Map.of("Content-Type", "application/octet-stream"))
                    .withBody(Base64.getEncoder().encodeToString(out)).build();
        }
    }

    /** Returns a plain object: API Gateway infers a 200 JSON answer. */
    public static final class Inferred implements RequestHandler<APIGatewayV2HTTPEvent, Map<String, String>> {
        public Inferred(Map<String, String> environment) {
        }

        @Override
        public Map<String, String> handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            return Map.of("hello", event.getPathParameters().get("name"));
        }
    }

    /** Always throws. */
    public static final class Broken implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        public Broken(Map<String, String> environment) {
        }

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            throw new IllegalStateException("secret table name must not leak");
        }
    }
}
