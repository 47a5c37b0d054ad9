package dev.newsroom.comments;

import dev.newsroom.core.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a request sends: its body (base64 if API Gateway encoded it), as a JSON object or an
 * HTML form's fields, in the order that keeps hostile bodies cheap: size first (G1), then type,
 * then content. Text must be well-formed: bytes that are not UTF-8, and a lone surrogate escaped in
 * JSON ({@code "\ud800"}), are refused, never replaced or stored (D10).
 */
final class RequestDecoder {

    /** Larger bodies are refused before parsing (G1). */
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final String FORM = "application/x-www-form-urlencoded";

    private RequestDecoder() {
    }

    /** A posted comment's fields, from JSON or a form. */
    static CommentInput comment(ApiRequest event) {
        byte[] raw = body(event);
        if (raw.length > MAX_BODY_BYTES) {
            throw ApiError.of(ErrorKind.PAYLOAD_TOO_LARGE);
        }
        String type = contentType(event);
        if (type.startsWith("application/json")) {
            return json(raw);
        }
        if (type.startsWith(FORM)) {
            return form(utf8(raw, ErrorKind.INVALID_FORM));
        }
        throw ApiError.of(ErrorKind.UNSUPPORTED_MEDIA_TYPE);
    }

    /** A JSON body's fields, whatever its content type says (the moderation routes take only JSON). */
    static CommentInput json(ApiRequest event) {
        return json(body(event));
    }

    /** A JSON object of text fields; null fields count as absent. */
    static CommentInput json(byte[] raw) {
        Object node = parse(raw);
        if (!(node instanceof Map)) {
            throw ApiError.of(ErrorKind.INVALID_JSON, "The body must be a JSON object.");
        }
        Map<String, String> fields = new HashMap<>();
        for (Map.Entry<String, Object> field : Json.object(node).entrySet()) {
            if (field.getValue() == null) {
                continue;
            }
            if (!(field.getValue() instanceof String text)) {
                throw ApiError.of(ErrorKind.INVALID_FIELD, field.getKey() + " must be text.",
                        Map.of(field.getKey(), "This must be text."));
            }
            fields.put(field.getKey(), wellFormed(text, ErrorKind.INVALID_JSON));
        }
        return new CommentInput(fields);
    }

    /** The most an import request may carry: {@link CommentImport#MAX_COMMENTS} comments of the longest kind fit. */
    static final int MAX_IMPORT_BYTES = 2 * 1024 * 1024;

    /**
     * An import's body, {@code {"comments": [{"ref": "...", ...}, ...]}}: each comment's fields as text,
     * null fields absent.
     */
    static List<Map<String, String>> imported(ApiRequest event) {
        byte[] raw = body(event);
        if (raw.length > MAX_IMPORT_BYTES) {
            throw ApiError.of(ErrorKind.PAYLOAD_TOO_LARGE, "At most " + MAX_IMPORT_BYTES / 1024 / 1024 + " MB of comments in one request.");
        }
        Object node = parse(raw);
        Object comments = node instanceof Map<?, ?> ? Json.object(node).get("comments") : null;
        if (!(comments instanceof List<?> list)) {
            throw ApiError.of(ErrorKind.INVALID_JSON, "The body must be a JSON object with a comments array.");
        }
        List<Map<String, String>> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?>)) {
                throw ApiError.of(ErrorKind.INVALID_FIELD, "comments[" + i + "] must be an object.", Map.of("comments[" + i + "]", "This must be an object."));
            }
            Map<String, String> fields = new HashMap<>();
            for (Map.Entry<String, Object> field : Json.object(list.get(i)).entrySet()) {
                String name = "comments[" + i + "]." + field.getKey();
                if (field.getValue() == null) {
                    continue;
                }
                if (!(field.getValue() instanceof String text)) {
                    throw ApiError.of(ErrorKind.INVALID_FIELD, name + " must be text.", Map.of(name, "This must be text."));
                }
                fields.put(field.getKey(), wellFormed(text, ErrorKind.INVALID_JSON));
            }
            entries.add(fields);
        }
        return entries;
    }

    /** Whether the request is a plain HTML form post, which is answered with a redirect to the article. */
    static boolean isForm(ApiRequest event) {
        return contentType(event).startsWith(FORM);
    }

    private static CommentInput form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (fields.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1))) != null) {
                throw ApiError.of(ErrorKind.INVALID_FORM, name + " is given twice.");
            }
        }
        return new CommentInput(fields);
    }

    /** A form's name or value: {@code +} is a space, and {@code %XX} escapes must spell UTF-8. */
    private static String decode(String text) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0 || Character.digit(text.charAt(i + 2), 16) < 0) {
                    throw ApiError.of(ErrorKind.INVALID_FORM);
                }
                bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] literal = String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8);
                bytes.write(literal, 0, literal.length);
            }
        }
        return utf8(bytes.toByteArray(), ErrorKind.INVALID_FORM);
    }

    private static Object parse(byte[] raw) {
        try {
            return Json.read(utf8(raw, ErrorKind.INVALID_JSON).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ApiError.of(ErrorKind.INVALID_JSON);
        }
    }

    /** The bytes as UTF-8 text, refused (as {@code kind}) if they are not UTF-8. */
    private static String utf8(byte[] raw, ErrorKind kind) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.of(kind, "The body is not valid UTF-8.");
        }
    }

    /** The text, refused (as {@code kind}) if it holds half of a surrogate pair. */
    private static String wellFormed(String text, ErrorKind kind) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiError.of(kind, "The body holds a lone surrogate, which is not text.");
            }
        }
        return text;
    }

    private static byte[] body(ApiRequest event) {
        if (event.base64Encoded()) {
            try {
                return Base64.getDecoder().decode(event.body());
            } catch (IllegalArgumentException e) {
                throw ApiError.of(ErrorKind.INVALID_BODY);
            }
        }
        return event.body().getBytes(StandardCharsets.UTF_8);
    }

    private static String contentType(ApiRequest event) {
        return Optional.ofNullable(event.header("content-type")).orElse("").toLowerCase(Locale.ROOT);
    }
}
