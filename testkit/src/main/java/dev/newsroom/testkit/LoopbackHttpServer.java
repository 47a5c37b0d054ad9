package dev.newsroom.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The JDK's HTTP server, bound to loopback, as every local server of ours makes it. */
public final class LoopbackHttpServer {

    static {
        // The JDK's server writes a response's headers and its body separately. With Nagle's
        // algorithm on, the body then waits for the client's delayed ACK: about 40 ms on Linux, on
        // every response (a comment POST's siteverify round trip took 42 of its 56 ms). The server
        // reads this once, when the JVM makes its first one.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private LoopbackHttpServer() {
    }

    /** Answers with a text body of this type, UTF-8. */
    public static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (java.io.OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A server on 127.0.0.1 ({@code port} 0 for a free one), not yet started. */
    public static HttpServer create(int port, int backlog) throws IOException {
        return HttpServer.create(new InetSocketAddress("127.0.0.1", port), backlog);
    }
}
