package dev.newsroom.comments;

import com.fasterxml.jackson.databind.ObjectMapper;
import static dev.newsroom.comments.CommentsWorld.comment;
import static dev.newsroom.comments.CommentsWorld.json;
import static dev.newsroom.comments.CommentsWorld.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The comments API end to end: real-shaped API Gateway v2 events, DynamoDB Local, the local siteverify server. */
class CommentsApiIT extends LocalCommentsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    CommentsApiIT(Provisioned local) {
        super(local);
    }

    private static Map<String, String> fields(APIGatewayV2HTTPResponse response) {
        Map<String, String> fields = new java.util.HashMap<>();
        json(response).path("fields").fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
        return fields;
    }

    @Test
    void postsAnApprovedCommentAndListsIt_F4() {
        String slug = world.article("bridge", "");
        APIGatewayV2HTTPResponse posted = world.post(slug, "{\"name\":\"Rosa\",\"email\":\"rosa@example.org\","
                + "\"website\":\"https://rosa.example.org\",\"body\":\"Finally a safe way to cycle across.\",\"captchaToken\":\""
                + token("test-pass") + "\"}");
        assertEquals(201, posted.getStatusCode(), posted.getBody());
        assertEquals("approved", json(posted).get("status").asText());
        assertFalse(posted.getBody().contains("rosa@example.org"));

        APIGatewayV2HTTPResponse listed = world.list(slug, Map.of());
        assertEquals(200, listed.getStatusCode());
        assertEquals("application/json; charset=utf-8", listed.getHeaders().get("Content-Type"));
        assertEquals("nosniff", listed.getHeaders().get("X-Content-Type-Options"));
        assertTrue(listed.getHeaders().get("Cache-Control").startsWith("public, max-age=30"));
        JsonNode comments = json(listed).get("comments");
        assertEquals(1, comments.size());
        assertEquals("Rosa", comments.get(0).get("name").asText());
        assertEquals("https://rosa.example.org", comments.get(0).get("website").asText());
        assertEquals(json(posted).get("id").asText(), comments.get(0).get("id").asText());
        assertFalse(listed.getBody().contains("rosa@example.org") || listed.getBody().contains("email")
                || listed.getBody().contains("clientHash") || listed.getBody().contains(world.ip), "no email or IP (F4)");
    }

    @Test
    void primesForASnapshotWithoutStoringAnything_I1() {
        long before = itemsInEveryTable();
        world.handler.prime();
        assertEquals(before, itemsInEveryTable(), "priming writes nothing");
    }

    private long itemsInEveryTable() {
        return world.local.names().entrySet().stream().filter(e -> e.getKey().endsWith("Table"))
                .mapToLong(e -> world.local.services().dynamoDb().scanPaginator(r -> r.tableName(e.getValue())
                        .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT)).stream()
                        .mapToLong(page -> page.count()).sum())
                .sum();
    }

    @Test
    void namesEachMissingFieldWithTheOriginalMessages_D1() {
        String slug = world.article("empty", "");
        APIGatewayV2HTTPResponse response = world.post(slug, comment("", "  ", token("test-pass")));
        assertEquals(400, response.getStatusCode());
        assertEquals("validation_failed", json(response).get("error").asText());
        assertEquals(Map.of("name", "Please enter your name here", "body", "Please enter your comment!"), fields(response));
        assertEquals(0, json(world.list(slug, Map.of())).get("comments").size(), "nothing stored");
    }

    @Test
    void refusesWhatIsNotACommentBeforeLookingFurther_D1_D7() {
        String slug = world.article("shapes", "");
        assertEquals("invalid_json", json(world.post(slug, "not json")).get("error").asText());
        assertEquals("invalid_json", json(world.post(slug, "[1,2]")).get("error").asText());
        assertEquals("invalid_json", json(world.post(slug, "{\"name\":\"a\",\"body\":\"b\"} {\"body\":\"c\"}")).get("error").asText(),
                "a second document after the first");
        assertEquals("invalid_json", json(world.post(slug, "{\"name\":\"a\",\"body\":\"b\",\"body\":\"c\"}")).get("error").asText(),
                "a field given twice: which one the reader meant is unknowable");
        assertEquals("unknown_field", json(world.post(slug, "{\"name\":\"a\",\"body\":\"b\",\"admin\":\"yes\"}")).get("error").asText());
        assertEquals("invalid_field", json(world.post(slug, "{\"name\":{\"first\":\"a\"}}")).get("error").asText());
        APIGatewayV2HTTPResponse wrongType = world.handle(world.postEvent(slug, "text/plain", "name=a"));
        assertEquals(415, wrongType.getStatusCode());
        assertEquals("unsupported_media_type", json(wrongType).get("error").asText());
    }

    @Test
    void rejectsOverlongFieldsWithoutTruncating_D2() {
        String slug = world.article("long", "");
        APIGatewayV2HTTPResponse name = world.post(slug, comment("n".repeat(81), "Body", token("test-pass")));
        assertEquals(400, name.getStatusCode());
        assertEquals("field_too_long", json(name).get("error").asText());
        assertTrue(fields(name).containsKey("name"));
        String email = "{\"name\":\"A\",\"body\":\"B\",\"email\":\"" + "e".repeat(250) + "@x.com\",\"captchaToken\":\"" + token("test-pass") + "\"}";
        assertEquals("field_too_long", json(world.post(slug, email)).get("error").asText());
        assertEquals("field_too_long", json(world.post(slug, comment("A", "b".repeat(5001), token("test-pass")))).get("error").asText());
        assertEquals(0, json(world.list(slug, Map.of())).get("comments").size());
    }

    @Test
    void invisibleCharactersCannotDodgeReservedNames_D3() {
        String slug = world.article("bidi", "");
        APIGatewayV2HTTPResponse response = world.post(slug, comment("E\u200Bdi\u202Etor", "Hello", token("test-pass")));
        assertEquals(400, response.getStatusCode());
        assertTrue(fields(response).get("name").contains("reserved"));
        APIGatewayV2HTTPResponse cleaned = world.post(slug, comment("Zoë\u200D\u0007", "Line one\u202E\r\nline two\u0000", token("test-pass")));
        assertEquals(201, cleaned.getStatusCode(), cleaned.getBody());
        JsonNode stored = json(world.list(slug, Map.of())).get("comments").get(0);
        assertEquals("Zoë", stored.get("name").asText());
        assertEquals("Line one\nline two", stored.get("body").asText());
    }

    @Test
    void lookAlikesOfStaffNamesAreReserved_D11() {
        String slug = world.article("look-alikes", "");
        for (String name : new String[] {"\u0410dmin", "\u0391dmin", "Adm\u0131n", "MODERATOR", "Sta\u200Bff", "The Daily Example", "Rosa  Staffer"}) {
            APIGatewayV2HTTPResponse response = world.post(slug, comment(name, "Hello", token("test-pass")));
            assertEquals(400, response.getStatusCode(), name);
            assertTrue(fields(response).get("name").contains("reserved"), name);
        }
        String technologist = "Ana \uD83D\uDC69\u200D\uD83D\uDCBB";
        APIGatewayV2HTTPResponse kept = world.post(slug, comment(technologist, "E = mc\u00B2, give or take \u00BD", token("test-pass")));
        assertEquals(201, kept.getStatusCode(), kept.getBody());
        JsonNode stored = json(world.list(slug, Map.of())).get("comments").get(0);
        assertEquals(technologist, stored.get("name").asText(), "the emoji's joiner is kept");
        assertEquals("E = mc\u00B2, give or take \u00BD", stored.get("body").asText(), "as typed");
    }

    @Test
    void refusesMalformedEmailsAndNeverEchoesThem_D4() {
        String slug = world.article("emails", "");
        for (String email : List.of("a@b", "x@y.com\r\nBcc: victim@example.org", "<script>@x.com")) {
            String body = "{\"name\":\"A\",\"body\":\"B\",\"email\":" + JSON.valueToTree(email)
                    + ",\"captchaToken\":\"" + token("test-pass") + "\"}";
            APIGatewayV2HTTPResponse response = world.post(slug, body);
            assertEquals(400, response.getStatusCode(), email);
            assertEquals("Please enter a valid email address.", fields(response).get("email"));
            assertFalse(response.getBody().contains("victim") || response.getBody().contains("<script>"));
        }
    }

    @Test
    void listingRefusesBadSlugsLimitsAndCursors_D5() {
        String slug = world.article("listing", "");
        assertEquals(404, world.list(world.id + "-no-such-article", Map.of()).getStatusCode());
        assertEquals(404, world.list("../articles", Map.of()).getStatusCode());
        assertEquals(404, world.list("x".repeat(10_000), Map.of()).getStatusCode());
        assertEquals("invalid_limit", json(world.list(slug, Map.of("limit", "1e9"))).get("error").asText());
        for (String outOfRange : new String[] {"0", "-5", "101", "100000"}) {
            assertEquals("invalid_limit", json(world.list(slug, Map.of("limit", outOfRange))).get("error").asText(),
                    outOfRange + " is refused, as the message says, never clamped");
        }
        assertEquals(200, world.list(slug, Map.of("limit", "100")).getStatusCode());
        assertEquals("invalid_cursor", json(world.list(slug, Map.of("cursor", "bm9wZQ.abc"))).get("error").asText());
    }

    @Test
    void paginatesWithSignedCursors_D5() {
        String slug = world.article("busy", "");
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            CommentsWorld commenter = new CommentsWorld(world.local, siteverify, secrets, Map.of());
            for (int j = 0; j < 5; j++) {
                APIGatewayV2HTTPResponse r = commenter.post(slug, comment("Reader " + i, "Comment " + i + "." + j, token("test-pass")));
                assertEquals(201, r.getStatusCode(), r.getBody());
                posted.add(json(r).get("id").asText());
            }
        }
        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = json(world.list(slug, cursor == null ? Map.of("limit", "10") : Map.of("limit", "10", "cursor", cursor)));
            page.get("comments").forEach(c -> listed.add(c.get("id").asText()));
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null);
        assertEquals(posted, listed, "every comment once, oldest first");
        assertTrue(pages >= 4);
        String other = world.article("other", "");
        JsonNode first = json(world.list(slug, Map.of("limit", "10")));
        assertEquals("invalid_cursor", json(world.list(other, Map.of("cursor", first.get("nextCursor").asText()))).get("error").asText(),
                "a cursor is only good for its own article");
    }

    @Test
    void pagesThroughThousandsOfComments_G5() {
        String slug = world.article("thousands", "");
        var dynamo = world.local.services().dynamoDb();
        List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> batch = new ArrayList<>();
        for (int n = 0; n < 2000; n++) {
            int i = n;
            String id = String.format("%013d-%08x", 1_700_000_000_000L + i, i);
            batch.add(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(p -> p.item(Map.of(
                    "slug", s(CommentsWorld.path(slug)), "commentId", s(id), "approvedSlug", s(CommentsWorld.path(slug)), "status", s("approved"),
                    "name", s("Reader " + i), "body", s("Comment " + i), "createdAt", s("2026-11-24T00:00:00Z"),
                    "clientHash", s("c")))).build());
            if (batch.size() == 25) {
                var items = List.copyOf(batch);
                dynamo.batchWriteItem(r -> r.requestItems(Map.of(world.local.name("CommentsTable"), items)));
                batch.clear();
            }
        }
        int total = 0;
        int pages = 0;
        String cursor = null;
        String previous = "";
        do {
            JsonNode page = json(world.list(slug, cursor == null ? Map.of("limit", "100") : Map.of("limit", "100", "cursor", cursor)));
            for (JsonNode c : page.get("comments")) {
                assertTrue(c.get("id").asText().compareTo(previous) > 0, "oldest first, no repeats");
                previous = c.get("id").asText();
                total++;
            }
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null);
        assertEquals(2000, total);
        assertTrue(pages >= 20 && pages <= 21, pages + " pages");
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue s(String value) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(value);
    }

    @Test
    void neitherTheSecretNorTheTokenIsLogged_E6() {
        String slug = world.article("quiet", "");
        String token = token("test-pass");
        java.io.PrintStream original = System.out;
        var captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(201, world.post(slug, comment("A", "Logged?", token)).getStatusCode());
            assertEquals(403, world.post(slug, comment("A", "Again", token("test-fail"))).getStatusCode());
        } finally {
            System.setOut(original);
        }
        String logs = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(logs.contains("POST comments"), "the function does log: " + logs);
        assertFalse(logs.contains(CommentsWorld.CAPTCHA_SECRET) || logs.contains(token) || logs.contains(world.ip), logs);
    }

    /** The embedded metric format's lines: a comment posted, held, caught as spam or refused counts once, and a repeat not at all. */
    @Test
    void countsCommentsPostedHeldAndRejectedAsMetrics() {
        String slug = world.article("counted", "");
        String repeatedToken = token("test-pass");
        var logged = dev.newsroom.testkit.LogCapture.of(() -> {
            assertEquals(201, world.post(slug, comment("Rosa", "Counted once.", repeatedToken)).getStatusCode());
            assertEquals(201, world.post(slug, comment("Rosa", "Counted once.", repeatedToken)).getStatusCode(), "a retry, answered again");
            assertEquals(202, world.post(slug, comment("Linker", "see https://a.example", token("test-pass"))).getStatusCode());
            assertEquals(202, world.post(slug, "{\"name\":\"Bot\",\"body\":\"Buy now\",\"company\":\"ACME\",\"captchaToken\":\""
                    + token("test-pass") + "\"}").getStatusCode());
            assertEquals(403, world.post(slug, comment("Ada", "Refused.", token("test-fail"))).getStatusCode());
        });
        Map<String, Integer> counted = new java.util.TreeMap<>();
        logged.lines().stream().filter(l -> l.has("_aws")).forEach(l -> l.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics")
                .forEach(m -> counted.merge(m.get("Name").asText(), l.get(m.get("Name").asText()).asInt(), Integer::sum)));
        assertEquals(Map.of("CommentsPosted", 1, "CommentsHeld", 1, "CommentsRejected", 2), counted, logged::text);
    }

    @Test
    void holdsOrRefusesSpam_D6() {
        String slug = world.article("spam", "");
        String honeypot = "{\"name\":\"Bot\",\"body\":\"Buy now\",\"company\":\"ACME\",\"captchaToken\":\"" + token("test-pass") + "\"}";
        APIGatewayV2HTTPResponse trapped = world.post(slug, honeypot);
        assertEquals(202, trapped.getStatusCode());
        assertEquals("pending", json(trapped).get("status").asText(), "a bot learns nothing");
        APIGatewayV2HTTPResponse links = world.post(slug, comment("Linker", "see http://a.example http://b.example www.c.example", token("test-pass")));
        assertEquals("too_many_links", json(links).get("error").asText());
        APIGatewayV2HTTPResponse oneLink = world.post(slug, comment("Linker", "see https://a.example", token("test-pass")));
        assertEquals(202, oneLink.getStatusCode(), "a link holds a comment for moderation");
        assertEquals(201, world.post(slug, comment("Rosa", "Same words", token("test-pass"))).getStatusCode());
        APIGatewayV2HTTPResponse again = world.post(slug, comment("Rosa", "  same   WORDS ", token("test-pass")));
        assertEquals(409, again.getStatusCode());
        assertEquals("duplicate_comment", json(again).get("error").asText());
        assertEquals(1, json(world.list(slug, Map.of())).get("comments").size());
    }

    @Test
    void failedCaptchaIsRefusedWithTheOriginalMessage_E1() {
        String slug = world.article("captcha-fail", "");
        for (String token : List.of(token("test-fail"), "", token("test-unknown"))) {
            APIGatewayV2HTTPResponse response = world.post(slug, comment("A", "B " + token, token));
            assertEquals(403, response.getStatusCode());
            assertEquals("Captcha verification failed!", json(response).get("message").asText());
        }
        assertEquals(0, json(world.list(slug, Map.of())).get("comments").size());
    }

    @Test
    void wrongHostnameActionOrAgeIsRefused_E2() {
        String slug = world.article("captcha-wrong", "");
        for (String kind : List.of("test-hostname-evil.example", "test-action-signup", "test-stale")) {
            assertEquals(403, world.post(slug, comment("A", "B " + kind, token(kind))).getStatusCode(), kind);
        }
    }

    @Test
    void lowScoreIsRefusedWithTheScoreMessage_E3() {
        String slug = world.article("captcha-score", "");
        APIGatewayV2HTTPResponse response = world.post(slug, comment("A", "B", token("test-pass-score-0.2")));
        assertEquals(403, response.getStatusCode());
        assertEquals("CAPTCHA user score failed. Please contact us!", json(response).get("message").asText());
        APIGatewayV2HTTPResponse middling = world.post(slug, comment("A", "C", token("test-pass-score-0.6")));
        assertEquals(202, middling.getStatusCode(), "passes, but held: under the auto-approval score");
    }

    @Test
    void aReplayedTokenIsRefused_E4() {
        String first = world.article("replay-a", "");
        String second = world.article("replay-b", "");
        String token = token("test-pass");
        assertEquals(201, world.post(first, comment("A", "First", token)).getStatusCode());
        APIGatewayV2HTTPResponse replay = world.post(second, comment("A", "Second", token));
        assertEquals(403, replay.getStatusCode());
        assertEquals("Captcha verification failed!", json(replay).get("message").asText());
    }

    @Test
    void failsClosedWhenSiteverifyMisbehaves_E5() {
        String slug = world.article("captcha-down", "");
        for (String kind : List.of("test-5xx", "test-html", "test-slow")) {
            APIGatewayV2HTTPResponse response = world.post(slug, comment("A", "B " + kind, token(kind)));
            assertEquals(503, response.getStatusCode(), kind);
            assertEquals("captcha_unavailable", json(response).get("error").asText());
        }
        var unreachable = new CommentsWorld(world.local, siteverify, secrets, Map.of("CAPTCHA_VERIFY_URL", "http://127.0.0.1:9/siteverify"));
        assertEquals(503, unreachable.post(slug, comment("A", "B unreachable", token("test-pass"))).getStatusCode());
        assertEquals(0, json(world.list(slug, Map.of())).get("comments").size());
    }

    @Test
    void aPostRefusedWhileSiteverifyIsUnreachableGoesThroughOnRetry_E5_B3() {
        String slug = world.article("captcha-back", "");
        String request = comment("A", "Sent while the captcha was down", token("test-pass"));
        var unreachable = new CommentsWorld(world.local, siteverify, secrets, Map.of("CAPTCHA_VERIFY_URL", "http://127.0.0.1:9/siteverify"));
        assertEquals(503, unreachable.post(slug, request).getStatusCode());
        APIGatewayV2HTTPResponse retried = world.post(slug, request);
        assertEquals(201, retried.getStatusCode(), "the refused attempt gave its claim up: " + retried.getBody());
        assertEquals(1, json(world.list(slug, Map.of())).get("comments").size());
    }

    @Test
    void readerTextComesBackAsTextNeverMarkup_F1_F2_F3() {
        String slug = world.article("xss", "");
        String name = "\"><img src=x onerror=alert(1)>";
        String body = "<script>alert(1)</script>";
        assertEquals(201, world.post(slug, comment(name, body, token("test-pass"))).getStatusCode());
        JsonNode stored = json(world.list(slug, Map.of())).get("comments").get(0);
        assertEquals(name, stored.get("name").asText());
        assertEquals(body, stored.get("body").asText());
        for (String website : List.of("javascript:alert(1)", "data:text/html,x", "vbscript:x", "//evil.example")) {
            String json = "{\"name\":\"A\",\"body\":\"B\",\"website\":\"" + website + "\",\"captchaToken\":\"" + token("test-pass") + "\"}";
            assertEquals(400, world.post(slug, json).getStatusCode(), website);
        }
    }

    @Test
    void refusesLargeAndHostileBodiesBeforeParsing_G1_G2() {
        String slug = world.article("large", "");
        APIGatewayV2HTTPResponse large = world.post(slug, "{\"body\":\"" + "x".repeat(1024 * 1024) + "\"}");
        assertEquals(413, large.getStatusCode());
        assertEquals("payload_too_large", json(large).get("error").asText());
        assertEquals(400, world.post(slug, "[".repeat(10_000)).getStatusCode());
        assertEquals(400, world.post(slug, "{\"name\":" + "9".repeat(10_000) + "}").getStatusCode());
    }

    @Test
    void limitsEachClientAndOnlyThatClient_G3() {
        var world = new CommentsWorld(this.world.local, siteverify, secrets, Map.of(), CommentsWorld.atMinuteStart());
        String slug = world.article("rate", "");
        int accepted = 0;
        APIGatewayV2HTTPResponse last = null;
        for (int i = 0; i < 8; i++) {
            last = world.post(slug, comment("A", "Message " + i, token("test-pass")));
            if (last.getStatusCode() == 201) {
                accepted++;
            }
        }
        assertEquals(5, accepted, "five a minute");
        assertEquals(429, last.getStatusCode());
        long retryAfter = Long.parseLong(last.getHeaders().get("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60);
        var other = new CommentsWorld(world.local, siteverify, secrets, Map.of());
        assertEquals(201, other.post(slug, comment("B", "Another client", token("test-pass"))).getStatusCode());
    }

    @Test
    void behindCloudFrontEachReaderHasTheirOwnLimit_G3_G6() {
        var world = new CommentsWorld(this.world.local, siteverify, secrets, Map.of(), CommentsWorld.atMinuteStart());
        String slug = world.article("edge", "");
        java.util.function.BiFunction<String, String, APIGatewayV2HTTPResponse> viaEdge = (viewer, proof) -> {
            var event = world.postEvent(slug, "application/json", comment("A", "From " + viewer + " " + System.nanoTime(), token("test-pass")));
            event.getRequestContext().getHttp().setSourceIp("130.176.0.1");
            event.getHeaders().put("cloudfront-viewer-address", viewer);
            if (proof != null) {
                event.getHeaders().put("x-origin-verify", proof);
            }
            return world.handle(event);
        };
        for (int i = 0; i < 5; i++) {
            assertEquals(201, viaEdge.apply("203.0.113.7:51234", CommentsWorld.ORIGIN_SECRET).getStatusCode());
        }
        assertEquals(429, viaEdge.apply("203.0.113.7:51235", CommentsWorld.ORIGIN_SECRET).getStatusCode(), "the same reader");
        assertEquals(201, viaEdge.apply("[2001:db8::7]:443", CommentsWorld.ORIGIN_SECRET).getStatusCode(), "another reader, same edge");
        for (int i = 0; i < 5; i++) {
            viaEdge.apply("198.51.100." + i + ":1", "forged");
        }
        assertEquals(429, viaEdge.apply("198.51.100.99:1", null).getStatusCode(),
                "without the origin secret the header is ignored: every forged 'reader' counted as the caller");
    }

    @Test
    void aRetriedPostStoresOneComment_B3() throws Exception {
        String slug = world.article("retry", "");
        String request = comment("A", "Once only", token("test-pass"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<APIGatewayV2HTTPResponse>> both = pool.invokeAll(List.<Callable<APIGatewayV2HTTPResponse>>of(
                    () -> world.post(slug, request), () -> world.post(slug, request)));
            List<APIGatewayV2HTTPResponse> answers = List.of(both.get(0).get(), both.get(1).get());
            List<String> ids = answers.stream().filter(a -> a.getStatusCode() == 201).map(a -> json(a).get("id").asText()).distinct().toList();
            assertEquals(1, ids.size(), () -> "one comment id: " + answers);
            for (APIGatewayV2HTTPResponse answer : answers) {
                assertTrue(answer.getStatusCode() == 201
                        || (answer.getStatusCode() == 409 && json(answer).get("error").asText().equals("submission_in_progress")),
                        answer::getBody);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(json(world.post(slug, request)).get("id").asText(),
                json(world.list(slug, Map.of())).get("comments").get(0).get("id").asText());
        assertEquals(1, json(world.list(slug, Map.of())).get("comments").size());
    }

    @Test
    void aTokenSentAgainWithOtherWordsIsRefusedAndTheFirstCommentStays_B3() {
        String slug = world.article("reused-key", "");
        String token = token("test-pass");
        APIGatewayV2HTTPResponse first = world.post(slug, comment("A", "My first words", token));
        assertEquals(201, first.getStatusCode(), first.getBody());
        APIGatewayV2HTTPResponse reused = world.post(slug, comment("A", "Entirely other words", token));
        assertEquals(422, reused.getStatusCode(), reused.getBody());
        assertEquals("idempotency_key_reused", json(reused).get("error").asText());
        JsonNode listed = json(world.list(slug, Map.of())).get("comments");
        assertEquals(1, listed.size());
        assertEquals("My first words", listed.get(0).get("body").asText(), "the first comment is unchanged");
        assertEquals(json(first).get("id").asText(), json(world.post(slug, comment("A", "My first words", token))).get("id").asText(),
                "a true retry still gets the first answer");
    }

    @Test
    void aMissingOrPublishedTestSecretClosesPostingOnlyAndListingGoesOn_E7() throws Exception {
        String slug = world.article("closed-posting", "");
        assertEquals(201, world.post(slug, comment("Before", "Posted while the secret was good", token("test-pass"))).getStatusCode());
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("secrets");
        java.nio.file.Path turnstileTest = java.nio.file.Files.writeString(dir.resolve("turnstile-test"), "1x0000000000000000000000000000000AA");
        Map<String, Map<String, String>> misconfigured = Map.of(
                "missing", Map.of("CAPTCHA_SECRET_FILE", dir.resolve("not-there").toString()),
                "turnstile's test secret at Cloudflare", Map.of("CAPTCHA_PROVIDER", "turnstile", "CAPTCHA_VERIFY_URL", "",
                        "CAPTCHA_SECRET_FILE", turnstileTest.toString()));
        for (var configuration : misconfigured.entrySet()) {
            CommentsWorld other = new CommentsWorld(world.local, siteverify, dir, configuration.getValue());
            APIGatewayV2HTTPResponse refused = other.post(slug, comment("After", "Posted now", token("test-pass")));
            assertEquals(503, refused.getStatusCode(), configuration.getKey());
            assertEquals("posting_closed", json(refused).get("error").asText(), configuration.getKey());
            JsonNode listed = json(other.list(slug, Map.of())).get("comments");
            assertEquals(1, listed.size(), configuration.getKey() + ": reading comments goes on");
        }
    }

    @Test
    void storageOutageIsA503AndStoresNothing_B4() {
        String slug = world.article("outage", "");
        var broken = new CommentsWorld(world.local, siteverify, secrets, Map.of("COMMENTS_TABLE", "NoSuchTable"));
        APIGatewayV2HTTPResponse response = broken.post(slug, comment("A", "B", token("test-pass")));
        assertEquals(503, response.getStatusCode());
        assertEquals("storage_unavailable", json(response).get("error").asText());
        assertFalse(response.getBody().contains("NoSuchTable"));
        assertEquals(0, json(world.list(slug, Map.of())).get("comments").size());
    }

    @Test
    void internalFailuresSayNothingAboutInternals_H6() {
        var event = world.postEvent(world.article("h6", ""), "application/json", comment("A", "B", token("test-pass")));
        event.setRequestContext(null);
        APIGatewayV2HTTPResponse response = world.handle(event);
        assertEquals(500, response.getStatusCode());
        JsonNode body = json(response);
        assertEquals("internal_error", body.get("error").asText());
        assertFalse(body.get("requestId").asText().isEmpty());
        assertFalse(response.getBody().contains("Exception") || response.getBody().contains("Table") || response.getBody().contains("arn:"));
    }

    @Test
    void refusesForeignOrigins_H5() {
        String slug = world.article("origin", "");
        var event = world.postEvent(slug, "application/json", comment("A", "B", token("test-pass")));
        event.getHeaders().put("origin", "https://evil.example");
        APIGatewayV2HTTPResponse response = world.handle(event);
        assertEquals(403, response.getStatusCode());
        assertEquals("origin_not_allowed", json(response).get("error").asText());
        APIGatewayV2HTTPResponse own = world.post(slug, comment("A", "B", token("test-pass")));
        assertEquals(CommentsWorld.SITE, own.getHeaders().get("Access-Control-Allow-Origin"));
    }

    @Test
    void closedOrUnknownArticlesTakeNoComments_D8() {
        String closed = world.article("closed", "comments: closed");
        assertEquals("comments_closed", json(world.post(closed, comment("A", "B", token("test-pass")))).get("error").asText());
        String draft = world.article("draft", "draft: true");
        assertEquals("article_not_found", json(world.post(draft, comment("A", "B", token("test-pass")))).get("error").asText());
        var aging = new CommentsWorld(world.local, siteverify, secrets, Map.of("COMMENTS_CLOSE_AFTER_DAYS", "1"));
        String old = world.article("old", "");
        assertEquals(404, aging.post(old, comment("A", "B", token("test-pass"))).getStatusCode(), "published 2026-11-20, closed a day later");
    }

    @Test
    void aFormPostIsAnsweredWithAPageOnTheSitesOrigin() {
        String slug = world.article("form", "");
        String form = "name=Rosa&body=Hello+from+a+form&g-recaptcha-response=" + token("test-pass");
        APIGatewayV2HTTPResponse response = world.handle(world.postEvent(slug, "application/x-www-form-urlencoded", form));
        assertEquals(200, response.getStatusCode());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("text/html"));
        var page = org.jsoup.Jsoup.parse(response.getBody());
        assertEquals("Thank you for your comment.", page.selectFirst("h1").text(), "a captcha passed: published");
        assertEquals(CommentsWorld.SITE + CommentsWorld.path(slug) + "#comments", page.selectFirst("a").attr("href"));
        assertTrue(response.getHeaders().get("Content-Security-Policy").contains("default-src 'none'"));
    }

    @Test
    void withoutScriptACommentWaitsForAModeratorMarkedSoAndAnErrorKeepsWhatWasTyped() {
        // Within one calendar minute, which is what the rate limit counts.
        var world = new CommentsWorld(this.world.local, siteverify, secrets, Map.of(), CommentsWorld.atMinuteStart());
        String slug = world.article("no-script", "");
        String typed = "A+thought+%3Cb%3Eworth%3C%2Fb%3E+keeping%0Aon+two+lines";
        APIGatewayV2HTTPResponse refused = world.handle(world.postEvent(slug, "application/x-www-form-urlencoded",
                "name=&email=rosa%40example.org&body=" + typed));
        assertEquals(400, refused.getStatusCode());
        var page = org.jsoup.Jsoup.parse(refused.getBody());
        assertEquals(List.of(CommentRules.NAME_MISSING), page.select(".errors li").eachText(), "in the original page's words");
        assertEquals("A thought <b>worth</b> keeping\non two lines", page.selectFirst("textarea[name=body]").wholeText(),
                "the reader's text, as text, ready to send again");
        assertEquals("rosa@example.org", page.selectFirst("input[name=email]").val());
        assertEquals("/api/articles/" + slug + "/comments", page.selectFirst("form").attr("action"));

        APIGatewayV2HTTPResponse taken = world.handle(world.postEvent(slug, "application/x-www-form-urlencoded", "name=Rosa&body=" + typed));
        assertEquals(200, taken.getStatusCode(), taken.getBody());
        assertEquals("Thank you. Your comment is awaiting moderation.", org.jsoup.Jsoup.parse(taken.getBody()).selectFirst("h1").text());
        assertEquals(0, json(world.list(slug, Map.of())).get("comments").size(), "never published directly");
        JsonNode held = null;
        for (JsonNode c : json(world.moderate("GET", "comments", Map.of("queue", "pending", "limit", "100"), null, CommentsWorld.MODERATOR))
                .get("comments")) {
            if (c.get("articleToken").asText().equals(slug)) {
                held = c;
            }
        }
        assertEquals("none", held.get("captcha").asText(), "the desk sees it came without a captcha");

        APIGatewayV2HTTPResponse again = world.handle(world.postEvent(slug, "application/x-www-form-urlencoded", "name=Rosa&body=Other+words"));
        assertEquals(429, again.getStatusCode(), "one a minute without a captcha");
        assertTrue(Integer.parseInt(again.getHeaders().get("Retry-After")) > 0, "and when to try again");
        APIGatewayV2HTTPResponse json = world.post(slug, "{\"name\":\"Rosa\",\"body\":\"No token\"}");
        assertEquals("captcha_failed", json(json).get("error").asText(), "only the form may come without a captcha");
    }

    @Test
    void repliesThreadUnderApprovedComments_D9() {
        String slug = world.article("thread", "");
        String parent = json(world.post(slug, comment("A", "Parent", token("test-pass")))).get("id").asText();
        String reply = "{\"name\":\"B\",\"body\":\"Reply\",\"parentId\":\"" + parent + "\",\"captchaToken\":\"" + token("test-pass") + "\"}";
        assertEquals(201, world.post(slug, reply).getStatusCode());
        assertEquals(parent, json(world.list(slug, Map.of())).get("comments").get(1).get("parentId").asText());
        String orphan = "{\"name\":\"B\",\"body\":\"Orphan\",\"parentId\":\"0000000000000-deadbeef\",\"captchaToken\":\"" + token("test-pass") + "\"}";
        assertTrue(fields(world.post(slug, orphan)).containsKey("parentId"));
    }
}
