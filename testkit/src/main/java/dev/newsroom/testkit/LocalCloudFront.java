package dev.newsroom.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * CloudFront's CreateInvalidation on loopback, for the local stack and the tests: the REST XML API
 * as the SDK sends it, with its checks (the distribution, the paths' count and form, at most 3,000
 * paths, a wildcard only at a path's end) and its idempotency by caller reference (the same batch
 * again answers the invalidation made for it; other paths under the same reference answer 409).
 * The local front caches nothing, so an invalidation has nothing to remove: it is recorded, for
 * the tests to read and the local stack to log.
 */
public final class LocalCloudFront implements AutoCloseable {

    /** The local distribution's id, as the functions' {@code DISTRIBUTION_ID}. */
    public static final String DISTRIBUTION_ID = "ELOCALNEWSROOM";
    private static final String API = "/2020-05-31/distribution/";
    private static final String XMLNS = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    /** CloudFront's quota of file paths in progress at once per distribution. */
    static final int MAX_PATHS = 3_000;

    /** One invalidation as CloudFront made it. */
    public record Invalidation(String id, String callerReference, List<String> paths, Instant created) {
    }

    private final HttpServer server;
    private final Consumer<Invalidation> made;
    private final AtomicInteger unavailable = new AtomicInteger();
    // Guarded by this.
    private final List<Invalidation> invalidations = new ArrayList<>();

    private LocalCloudFront(HttpServer server, Consumer<Invalidation> made) {
        this.server = server;
        this.made = made;
        server.createContext("/", this::serve);
        server.start();
    }

    /** Starts on a free loopback port; {@code made} hears of each new invalidation. */
    public static LocalCloudFront start(Consumer<Invalidation> made) throws IOException {
        return new LocalCloudFront(LoopbackHttpServer.create(0, 16), made);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The variables that point a function's CloudFront client at the local CloudFront at {@code endpoint}. */
    public static Map<String, String> environment(URI endpoint) {
        return Map.of("DISTRIBUTION_ID", DISTRIBUTION_ID, "AWS_ENDPOINT_URL_CLOUDFRONT", endpoint.toString());
    }

    /** The CloudFront of a set of functions run without one (benchmarks, jar checks): no address answers there. */
    public static final URI NONE = URI.create("https://cloudfront.invalid/");

    /** Every invalidation made, oldest first. */
    public synchronized List<Invalidation> invalidations() {
        return List.copyOf(invalidations);
    }

    /** Answers the next {@code requests} with 503, as CloudFront does when it cannot take them: a fault for the tests. */
    public void refuse(int requests) {
        unavailable.set(requests);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (!path.startsWith(API) || !path.endsWith("/invalidation") || !exchange.getRequestMethod().equals("POST")) {
                error(exchange, 404, "InvalidArgument", "only CreateInvalidation is served here");
                return;
            }
            String distribution = path.substring(API.length(), path.length() - "/invalidation".length());
            if (!distribution.equals(DISTRIBUTION_ID)) {
                error(exchange, 404, "NoSuchDistribution", "The specified distribution does not exist.");
                return;
            }
            if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                error(exchange, 503, "ServiceUnavailable", "CloudFront is unavailable (a fault the test asked for)");
                return;
            }
            Document batch;
            try {
                batch = parse(exchange.getRequestBody().readAllBytes());
            } catch (SAXException | ParserConfigurationException e) {
                error(exchange, 400, "MalformedXML", "the request is not well-formed XML: " + e.getMessage());
                return;
            }
            String reference = text(batch.getElementsByTagName("CallerReference"));
            List<String> paths = texts(batch.getElementsByTagName("Path"));
            String quantity = text(batch.getElementsByTagName("Quantity"));
            Optional<String> problem = problem(reference, paths, quantity);
            if (problem.isPresent()) {
                error(exchange, 400, paths.size() > MAX_PATHS ? "TooManyInvalidationsInProgress" : "InvalidArgument", problem.get());
                return;
            }
            Invalidation invalidation;
            boolean created = false;
            synchronized (this) {
                Optional<Invalidation> same = invalidations.stream().filter(i -> i.callerReference().equals(reference)).findFirst();
                if (same.isPresent() && !same.get().paths().equals(paths)) {
                    error(exchange, 409, "InvalidationBatchAlreadyExists", "another batch was sent under caller reference " + reference);
                    return;
                }
                invalidation = same.orElse(null);
                if (invalidation == null) {
                    invalidation = new Invalidation("I" + (invalidations.size() + 1) + "LOCAL", reference, paths, Instant.now());
                    invalidations.add(invalidation);
                    created = true;
                }
            }
            if (created) {
                made.accept(invalidation);
            }
            exchange.getResponseHeaders().set("Location", url() + API + DISTRIBUTION_ID + "/invalidation/" + invalidation.id());
            LoopbackHttpServer.send(exchange, 201, "text/xml", answer(invalidation));
        }
    }

    private static Optional<String> problem(String reference, List<String> paths, String quantity) {
        if (reference.isEmpty()) {
            return Optional.of("CallerReference is required");
        }
        if (!quantity.equals(Integer.toString(paths.size()))) {
            return Optional.of("Quantity " + quantity + " does not match the " + paths.size() + " paths");
        }
        if (paths.isEmpty()) {
            return Optional.of("an invalidation names at least one path");
        }
        if (paths.size() > MAX_PATHS) {
            return Optional.of("at most " + MAX_PATHS + " paths may be in progress at once");
        }
        return paths.stream().filter(p -> !p.startsWith("/") || p.indexOf('*') >= 0 && p.indexOf('*') != p.length() - 1)
                .findFirst().map(p -> "a path starts with / and has * only at its end: " + p);
    }

    private String answer(Invalidation invalidation) {
        StringBuilder items = new StringBuilder();
        invalidation.paths().forEach(p -> items.append("<Path>").append(escape(p)).append("</Path>"));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Invalidation xmlns=\"" + XMLNS + "\"><Id>" + invalidation.id()
                + "</Id><Status>InProgress</Status><CreateTime>" + invalidation.created() + "</CreateTime><InvalidationBatch><Paths><Quantity>"
                + invalidation.paths().size() + "</Quantity><Items>" + items + "</Items></Paths><CallerReference>"
                + escape(invalidation.callerReference()) + "</CallerReference></InvalidationBatch></Invalidation>";
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        LoopbackHttpServer.send(exchange, status, "text/xml", "<?xml version=\"1.0\"?><ErrorResponse xmlns=\"" + XMLNS
                + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + escape(message)
                + "</Message></Error><RequestId>local</RequestId></ErrorResponse>");
    }

    /** Parses without DTDs or external entities, as a service parsing strangers' XML must. */
    private static Document parse(byte[] body) throws SAXException, ParserConfigurationException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    private static String text(NodeList nodes) {
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }

    private static List<String> texts(NodeList nodes) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
