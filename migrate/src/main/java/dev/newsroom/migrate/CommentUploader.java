package dev.newsroom.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.core.site.ArticlePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * Sends an import's comments to the comments API's import route
 * ({@code POST /api/moderation/comments/{article}}) as a moderator, a thread at a time and up to
 * {@value #PER_REQUEST} comments to a request. It waits for each article to be published, and a
 * comment the API refuses (a body over its limit, say) is left out, named in the summary, while the
 * rest of its request is sent again. Sending twice stores nothing twice: the API keys each comment
 * by its reference in the old site.
 */
public final class CommentUploader {

    /** The API's own limit ({@code CommentImport.MAX_COMMENTS}). */
    static final int PER_REQUEST = 200;
    private static final Duration PUBLISHED_WITHIN = Duration.ofSeconds(90);
    private static final Pattern FIELD = Pattern.compile("comments\\[(\\d+)]\\..*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What sending the comments did; each refusal names the article, the comment and why. */
    public record Summary(int stored, int alreadyThere, List<String> refused) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Waiter<Answer> untilPublished = Waiter.builder(Answer.class)
            .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(Answer::notYet))
            .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(answer -> !answer.notYet()))
            .overrideConfiguration(c -> c.waitTimeout(PUBLISHED_WITHIN).maxAttempts(Integer.MAX_VALUE)
                    .backoffStrategyV2(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(2))))
            .build();
    private final URI site;
    private final String moderatorToken;

    public CommentUploader(URI site, String moderatorToken) {
        this.site = site;
        this.moderatorToken = moderatorToken;
    }

    public Summary upload(Map<String, List<ImportPlan.Comment>> comments) throws IOException {
        int stored = 0;
        int alreadyThere = 0;
        List<String> refused = new ArrayList<>();
        for (var article : comments.entrySet()) {
            for (List<ImportPlan.Comment> request : requests(article.getValue())) {
                List<ImportPlan.Comment> sending = new ArrayList<>(request);
                JsonNode answer = null;
                while (!sending.isEmpty() && answer == null) {
                    Answer response = send(article.getKey(), sending);
                    JsonNode json = JSON.readTree(response.body());
                    if (response.status() == 200) {
                        answer = json;
                    } else if (response.status() == 400 && json.has("fields")) {
                        sending = withoutRefused(article.getKey(), sending, json.get("fields"), refused);
                    } else {
                        throw new IOException("the comments API answered " + response.status() + " for " + article.getKey()
                                + ": " + response.body());
                    }
                }
                if (answer != null) {
                    stored += answer.get("stored").asInt();
                    alreadyThere += answer.get("alreadyThere").asInt();
                }
            }
        }
        return new Summary(stored, alreadyThere, refused);
    }

    /** The article's comments in requests of whole threads, none over the API's limit unless one thread is. */
    static List<List<ImportPlan.Comment>> requests(List<ImportPlan.Comment> comments) {
        Map<String, String> rootOf = new LinkedHashMap<>();
        Map<String, List<ImportPlan.Comment>> threads = new LinkedHashMap<>();
        for (ImportPlan.Comment c : comments) {
            String root = c.parentRef().map(rootOf::get).orElse(c.ref());
            rootOf.put(c.ref(), root);
            threads.computeIfAbsent(root, r -> new ArrayList<>()).add(c);
        }
        List<List<ImportPlan.Comment>> requests = new ArrayList<>();
        List<ImportPlan.Comment> current = new ArrayList<>();
        for (List<ImportPlan.Comment> thread : threads.values()) {
            if (!current.isEmpty() && current.size() + thread.size() > PER_REQUEST) {
                requests.add(current);
                current = new ArrayList<>();
            }
            current.addAll(thread);
        }
        if (!current.isEmpty()) {
            requests.add(current);
        }
        return requests;
    }

    /** The request without the comments the API named, and without replies to them; each one left out is noted. */
    private static List<ImportPlan.Comment> withoutRefused(String article, List<ImportPlan.Comment> sending, JsonNode fields,
                                                           List<String> refused) {
        Set<String> out = new HashSet<>();
        fields.fields().forEachRemaining(field -> {
            Matcher index = FIELD.matcher(field.getKey());
            if (!index.matches()) {
                throw new IllegalStateException("the comments API refused the request as a whole: " + fields);
            }
            ImportPlan.Comment c = sending.get(Integer.parseInt(index.group(1)));
            if (out.add(c.ref())) {
                refused.add(article + " " + c.ref() + ": " + field.getValue().asText());
            }
        });
        List<ImportPlan.Comment> rest = new ArrayList<>();
        for (ImportPlan.Comment c : sending) {
            if (c.parentRef().filter(out::contains).isPresent()) {
                out.add(c.ref());
                refused.add(article + " " + c.ref() + ": it replies to a comment left out");
            } else if (!out.contains(c.ref())) {
                rest.add(c);
            }
        }
        return rest;
    }

    /**
     * Sends a request, and again, backing off, while the article is not published yet (publishing
     * follows the upload by seconds) or the API asks for patience; fails once that outlasts the deadline.
     */
    private Answer send(String article, List<ImportPlan.Comment> comments) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("comments");
        for (ImportPlan.Comment c : comments) {
            ObjectNode node = array.addObject().put("ref", c.ref()).put("name", c.name()).put("body", c.body())
                    .put("createdAt", c.createdAt()).put("status", c.status());
            c.parentRef().ifPresent(p -> node.put("parentRef", p));
            c.email().ifPresent(e -> node.put("email", e));
            c.website().ifPresent(w -> node.put("website", w));
        }
        HttpRequest request = HttpRequest.newBuilder(site.resolve("/api/moderation/comments/" + ArticlePaths.token(article)))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + moderatorToken)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        try {
            return untilPublished.run(() -> {
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    return new Answer(response.statusCode(), response.body());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while sending comments", e);
                }
            }).matched().response().orElseThrow();
        } catch (SdkClientException e) {
            throw new IOException(article + " was not published, or the comments API not ready, within " + PUBLISHED_WITHIN.toSeconds()
                    + " s: " + e.getMessage(), e);
        }
    }

    /** The comments API's answer to a request. */
    private record Answer(int status, String body) {

        /** The article is not published yet, or the API is busy: worth asking again. */
        boolean notYet() {
            return status == 404 || status == 503 || status == 429;
        }
    }
}
