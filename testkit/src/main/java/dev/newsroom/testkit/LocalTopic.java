package dev.newsroom.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An SNS topic on loopback, and its outbox: SNS's {@code Publish} as the SDK sends it (the AWS
 * query protocol: a form POST, answered in XML), with SNS's checks on the topic and the subject.
 * What is published is kept, and shown as the emails its subscribers would get, at {@code GET /}
 * (plain text, newest first) and {@code GET /messages.json}. With a file, the outbox outlives a
 * restart.
 */
public final class LocalTopic implements AutoCloseable {

    /** The local stack's moderation topic. */
    public static final String ARN = "arn:aws:sns:us-east-1:000000000000:local-moderation";
    /** SNS's limits: a subject's length, and a message's size. */
    static final int MAX_SUBJECT = 100;
    static final int MAX_MESSAGE_BYTES = 256 * 1024;

    /** A published message, as its subscribers get it. */
    public record Message(String id, Instant at, String subject, String text) {
    }

    private final HttpServer server;
    private final Optional<Path> file;
    // Guarded by this.
    private final List<Message> messages = new ArrayList<>();

    private LocalTopic(HttpServer server, Optional<Path> file) throws IOException {
        this.server = server;
        this.file = file;
        if (file.isPresent() && Files.exists(file.get())) {
            for (String line : Files.readAllLines(file.get())) {
                JsonNode saved = LocalJson.mapper().readTree(line);
                messages.add(new Message(saved.path("id").asText(), Instant.parse(saved.path("at").asText()),
                        saved.path("subject").asText(), saved.path("text").asText()));
            }
        }
        server.createContext("/", this::serve);
        server.start();
    }

    /** A topic on a free loopback port; with a file, loads the outbox from it and adds each message to it. */
    public static LocalTopic start(Optional<Path> file) throws IOException {
        return new LocalTopic(LoopbackHttpServer.create(0, 16), file);
    }

    /** Where SNS is: the functions' {@code AWS_ENDPOINT_URL_SNS}, and the outbox's page. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.equals("/")) {
                publish(exchange, FormFields.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            } else if (method.equals("GET") && path.equals("/")) {
                exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
                LoopbackHttpServer.send(exchange, 200, "text/plain; charset=utf-8", outbox());
            } else if (method.equals("GET") && path.equals("/messages.json")) {
                ArrayNode list = LocalJson.mapper().createArrayNode();
                messages().forEach(m -> list.add(json(m)));
                LoopbackHttpServer.send(exchange, 200, "application/json", list.toString());
            } else {
                LoopbackHttpServer.send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            }
        }
    }

    private void publish(HttpExchange exchange, Map<String, String> form) throws IOException {
        if (!"Publish".equals(form.get("Action"))) {
            error(exchange, 400, "InvalidAction", "only Publish is served here");
            return;
        }
        if (!ARN.equals(form.get("TopicArn"))) {
            error(exchange, 404, "NotFound", "Topic does not exist");
            return;
        }
        String subject = form.getOrDefault("Subject", "");
        if (subject.length() > MAX_SUBJECT || !subject.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            error(exchange, 400, "InvalidParameter", "Invalid parameter: Subject");
            return;
        }
        String text = form.getOrDefault("Message", "");
        if (text.isEmpty() || text.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            error(exchange, 400, "InvalidParameter", "Invalid parameter: Message");
            return;
        }
        Message message = new Message(UUID.randomUUID().toString(), Instant.now(), subject, text);
        synchronized (this) {
            messages.add(message);
            if (file.isPresent()) {
                Files.writeString(file.get(), json(message) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
        LoopbackHttpServer.send(exchange, 200, "text/xml", """
                <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>%s</MessageId></PublishResult>\
                <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata></PublishResponse>""".formatted(message.id(), UUID.randomUUID()));
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        LoopbackHttpServer.send(exchange, status, "text/xml", """
                <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>%s</Code>\
                <Message>%s</Message></Error><RequestId>%s</RequestId></ErrorResponse>""".formatted(code, message, UUID.randomUUID()));
    }

    /** The outbox as the subscribers' inbox would show it, newest first. */
    private String outbox() {
        List<Message> newestFirst = new ArrayList<>(messages());
        java.util.Collections.reverse(newestFirst);
        StringBuilder text = new StringBuilder("Local outbox: what the moderation topic's email subscribers would get, newest first.\n");
        if (newestFirst.isEmpty()) {
            text.append("\nNothing has been sent yet.\n");
        }
        for (Message message : newestFirst) {
            text.append("\n---------------------------------------------------------------------\n")
                    .append("Date: ").append(message.at()).append("\nSubject: ").append(message.subject()).append("\n\n")
                    .append(message.text()).append('\n');
        }
        return text.toString();
    }

    private static ObjectNode json(Message message) {
        return LocalJson.mapper().createObjectNode().put("id", message.id()).put("at", message.at().toString())
                .put("subject", message.subject()).put("text", message.text());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
