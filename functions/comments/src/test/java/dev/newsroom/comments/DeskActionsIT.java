package dev.newsroom.comments;

import static dev.newsroom.comments.CommentsWorld.EDITOR;
import static dev.newsroom.comments.CommentsWorld.MODERATOR;
import static dev.newsroom.comments.CommentsWorld.json;
import static dev.newsroom.comments.CommentsWorld.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The desk's actions beyond approving and rejecting, against DynamoDB Local: feature, reply as
 * staff, ban and suspend, the recently approved queue, a commenter's history, and search.
 */
class DeskActionsIT extends LocalCommentsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    DeskActionsIT(Provisioned local) {
        super(local);
    }

    private String posted(CommentsWorld from, String article, String name, String email, String body) {
        String json = JSON.createObjectNode().put("name", name).put("email", email).put("body", body)
                .put("captchaToken", token("test-pass")).toString();
        APIGatewayV2HTTPResponse answer = from.post(article, json);
        assertTrue(answer.getStatusCode() == 201 || answer.getStatusCode() == 202, answer.getBody());
        return json(answer).get("id").asText();
    }

    private APIGatewayV2HTTPResponse act(String article, String id, String verb, String body, Map<String, String> who) {
        return world.moderate("POST", "comments/" + article + "/" + id + "/" + verb, Map.of(), body, who);
    }

    private JsonNode listed(String article, String id) {
        for (JsonNode c : json(world.list(article, Map.of())).get("comments")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError(id + " is not listed");
    }

    @Test
    void editorsFeatureAndModeratorsReplyAsStaffWhichReadersSee() {
        String article = world.article("featured", "");
        String id = posted(world, article, "Ada", "ada@example.org", "A thoughtful comment.");

        assertEquals(200, act(article, id, "feature", null, EDITOR).getStatusCode(), "editors may feature");
        assertTrue(listed(article, id).path("featured").asBoolean());
        APIGatewayV2HTTPResponse reply = act(article, id, "reply", "{\"body\": \"Thank you, Ada.\", \"name\": \"The editors\"}", MODERATOR);
        assertEquals(201, reply.getStatusCode(), reply.getBody());
        JsonNode staff = listed(article, json(reply).get("id").asText());
        assertTrue(staff.path("staff").asBoolean());
        assertEquals("The editors", staff.get("name").asText());
        assertEquals(id, staff.get("parentId").asText());
        assertFalse(listed(article, id).has("staff"), "the reader's comment is no staff's");

        assertEquals(403, act(article, id, "reply", "{\"body\": \"Me too.\"}", EDITOR).getStatusCode(), "editors may not reply as staff");
        assertEquals(200, act(article, id, "unfeature", null, EDITOR).getStatusCode());
        assertFalse(listed(article, id).has("featured"));
        assertEquals(404, act(article, "1795512000000-00000000", "feature", null, EDITOR).getStatusCode(), "only an approved comment");
        JsonNode audit = json(world.moderate("GET", "comments", Map.of("queue", "approved", "limit", "100"), null, MODERATOR)).get("comments");
        List<String> actions = new ArrayList<>();
        audit.forEach(c -> {
            if (c.get("id").asText().equals(id)) {
                c.get("audit").forEach(d -> actions.add(d.get("action").asText() + " by " + d.get("who").asText()));
            }
        });
        assertEquals(List.of("feature by ed", "unfeature by ed"), actions);
    }

    /** Readers cannot mark a comment as staff's, nor take a staff name: the mark is the desk's alone. */
    @Test
    void readersCannotPostAsStaff_J13() {
        String article = world.article("impersonation", "");
        String json = JSON.createObjectNode().put("name", "Ada").put("body", "Official statement.").put("staff", "yes")
                .put("captchaToken", token("test-pass")).toString();
        APIGatewayV2HTTPResponse marked = world.post(article, json);
        assertEquals(400, marked.getStatusCode());
        assertEquals("unknown_field", json(marked).get("error").asText());
        String named = JSON.createObjectNode().put("name", "Μoderator").put("body", "Official statement.")
                .put("captchaToken", token("test-pass")).toString();
        assertEquals(400, world.post(article, named).getStatusCode(), "a staff name in Greek letters is still a staff name");
        assertEquals(0, json(world.list(article, Map.of())).get("comments").size());
    }

    @Test
    void aSuspendedCommenterCannotCommentUntilItEndsAndABanLastsUntilLifted_J14() {
        String article = world.article("banned", "");
        String email = "troll-" + UUID.randomUUID() + "@example.org";
        String id = posted(world, article, "Troll", email, "Provocation one.");

        APIGatewayV2HTTPResponse badDays = act(article, id, "ban", "{\"days\": \"0\"}", MODERATOR);
        assertEquals(400, badDays.getStatusCode());
        assertEquals(403, act(article, id, "ban", "{\"days\": \"7\"}", EDITOR).getStatusCode(), "editors may not ban");
        assertEquals(200, act(article, id, "ban", "{\"days\": \"7\", \"reason\": \"Trolling\"}", MODERATOR).getStatusCode());

        String again = JSON.createObjectNode().put("name", "Troll").put("email", email).put("body", "Provocation two.")
                .put("captchaToken", token("test-pass")).toString();
        APIGatewayV2HTTPResponse refused = world.post(article, again);
        assertEquals(403, refused.getStatusCode());
        assertEquals("commenter_banned", json(refused).get("error").asText());
        var elsewhere = new CommentsWorld(world.local, siteverify, secrets, Map.of());
        assertEquals(403, elsewhere.post(article, again.replace("two", "three")).getStatusCode(), "by the email, from another address too");
        // Days on, a captcha token would be stale: the form without script, which waits for a moderator, has none.
        var eightDaysOn = new CommentsWorld(world.local, siteverify, secrets, Map.of(), Clock.offset(Clock.systemUTC(), Duration.ofDays(8)));
        assertEquals(200, fromForm(eightDaysOn, article, email, "Provocation four.").getStatusCode(), "a suspension ends");

        assertEquals(200, act(article, id, "ban", "{\"reason\": \"Again\"}", MODERATOR).getStatusCode());
        var yearOn = new CommentsWorld(world.local, siteverify, secrets, Map.of(), Clock.offset(Clock.systemUTC(), Duration.ofDays(400)));
        assertEquals(403, fromForm(yearOn, article, email, "Provocation five.").getStatusCode(), "a ban does not end");
        assertEquals(200, act(article, id, "unban", null, MODERATOR).getStatusCode());
        assertEquals(201, world.post(article, again.replace("two", "six")).getStatusCode(), "lifted");
    }

    @Test
    void theApprovedQueueShowsTheNewestFirstAndAHistoryShowsTheCommentersDecisions() {
        String article = world.article("history", "");
        String email = "regular-" + UUID.randomUUID() + "@example.org";
        String first = posted(world, article, "Regular", email, "First words.");
        String second = posted(world, article, "Regular", email, "Second words.");
        String third = posted(world, article, "Regular", email, "Third words.");
        act(article, second, "reject", "{\"reason\": \"Off topic\"}", MODERATOR);

        List<String> approved = new ArrayList<>();
        JsonNode queue = json(world.moderate("GET", "comments", Map.of("queue", "approved", "limit", "100"), null, EDITOR)).get("comments");
        queue.forEach(c -> approved.add(c.get("id").asText()));
        JsonNode listed = queue.get(approved.indexOf(third));
        assertEquals("history", listed.get("articleTitle").asText(), "the article's title, beside its link");
        assertEquals(1, listed.get("history").get("approved").asInt(), "the commenter's other approved comment, in the queue itself");
        assertEquals(1, listed.get("history").get("rejected").asInt());
        assertTrue(approved.indexOf(third) >= 0 && approved.indexOf(third) < approved.indexOf(first), "newest first: " + approved);
        assertFalse(approved.contains(second), "rejected, so no longer approved");

        JsonNode history = json(world.moderate("GET", "comments/" + article + "/" + third + "/history", Map.of(), null, EDITOR));
        assertTrue(history.get("known").asBoolean());
        assertEquals(1, history.get("counts").get("approved").asInt());
        assertEquals(1, history.get("counts").get("rejected").asInt());
        assertEquals(List.of(second, first), List.of(history.get("recent").get(0).get("id").asText(), history.get("recent").get(1).get("id").asText()));
        assertFalse(history.toString().contains(email), "no email in what the desk is given");
    }

    @Test
    void searchesByWordsAsTypedByEmailAndByArticle() {
        String article = world.article("search", "");
        String unique = "Crème" + UUID.randomUUID().toString().substring(0, 6);
        String email = "searched-" + UUID.randomUUID() + "@example.org";
        String id = posted(world, article, "Zoë", email, "The " + unique + " brûlée was fine.");

        assertEquals(List.of(id), searched("text", unique.toLowerCase().replace("è", "e") + " brulee"), "case and accents folded");
        assertEquals(List.of(id), searched("email", email.toUpperCase()));
        assertEquals(List.of(id), searched("article", CommentsWorld.SITE + CommentsWorld.path(article)));
        assertEquals(400, world.moderate("GET", "search", Map.of("by", "text", "q", "é"), null, EDITOR).getStatusCode(), "too short to search");
        assertEquals(400, world.moderate("GET", "search", Map.of("by", "name", "q", "Zoë"), null, EDITOR).getStatusCode());
    }

    /** A comment from the page's form without script: no captcha. */
    private static APIGatewayV2HTTPResponse fromForm(CommentsWorld from, String article, String email, String body) {
        return from.handle(from.postEvent(article, "application/x-www-form-urlencoded",
                "name=Troll&email=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8)
                        + "&body=" + java.net.URLEncoder.encode(body, java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Editors preview a draft as it would read; readers get nothing of it. */
    @Test
    void staffPreviewADraftThatReadersCannotSee_J15() {
        String draft = world.article("draft", "draft: true");
        APIGatewayV2HTTPResponse preview = world.moderate("GET", "preview", Map.of("path", CommentsWorld.SITE + CommentsWorld.path(draft)),
                null, EDITOR);
        assertEquals(200, preview.getStatusCode(), preview.getBody());
        assertEquals("no-store", preview.getHeaders().get("Cache-Control"));
        JsonNode shown = json(preview);
        assertEquals("draft", shown.get("status").asText());
        assertEquals("draft", org.jsoup.Jsoup.parse(shown.get("html").asText()).selectFirst("h1").text(), "the page as it would read");
        assertEquals(404, world.list(draft, Map.of()).getStatusCode(), "readers get nothing of a draft");
        assertEquals(404, world.moderate("GET", "preview", Map.of("path", "/articles/none-such"), null, EDITOR).getStatusCode());
        assertEquals(400, world.moderate("GET", "preview", Map.of("path", "javascript:alert(1)"), null, EDITOR).getStatusCode());
        assertEquals(401, world.moderate("GET", "preview", Map.of("path", CommentsWorld.path(draft)), null, Map.of()).getStatusCode());
    }

    @Test
    void editorsPreviewAnEmbargoedArticleThatReadersCannotSeeOrCommentOn_J15() {
        String embargoed = world.article("embargoed", "publishDate: 2099-01-01T09:00:00Z");
        APIGatewayV2HTTPResponse preview = world.moderate("GET", "preview", Map.of("path", CommentsWorld.path(embargoed)), null, EDITOR);
        assertEquals(200, preview.getStatusCode(), preview.getBody());
        assertEquals("no-store", preview.getHeaders().get("Cache-Control"));
        assertEquals("scheduled", json(preview).get("status").asText(), "before its time, as the publish function stores it");
        assertEquals("embargoed", org.jsoup.Jsoup.parse(json(preview).get("html").asText()).selectFirst("h1").text());
        assertEquals(404, world.list(embargoed, Map.of()).getStatusCode(), "readers get nothing of it, comments neither");
    }

    /** Every page of a search until the table is read through. */
    private List<String> searched(String by, String q) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = cursor == null ? Map.of("by", by, "q", q) : Map.of("by", by, "q", q, "cursor", cursor);
            APIGatewayV2HTTPResponse page = world.moderate("GET", "search", query, null, EDITOR);
            assertEquals(200, page.getStatusCode(), page.getBody());
            json(page).get("comments").forEach(c -> ids.add(c.get("id").asText()));
            cursor = json(page).has("nextCursor") ? json(page).get("nextCursor").asText() : null;
        } while (cursor != null);
        return ids;
    }
}
