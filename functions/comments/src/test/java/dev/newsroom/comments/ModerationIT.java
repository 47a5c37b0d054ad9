package dev.newsroom.comments;

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
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Moderation routes: only staff, decisions only by moderators, the queues, approve, spam, delete, and erasure (H7). */
class ModerationIT extends LocalCommentsIT {

    private static final Map<String, String> MODERATOR = CommentsWorld.MODERATOR;

    ModerationIT(Provisioned local) {
        super(local);
    }

    private List<String> queue(String queue) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = cursor == null ? Map.of("queue", queue, "limit", "100")
                    : Map.of("queue", queue, "limit", "100", "cursor", cursor);
            JsonNode page = json(world.moderate("GET", "comments", query, null, MODERATOR));
            page.get("comments").forEach(c -> ids.add(c.get("id").asText()));
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return ids;
    }

    private String held(String slug, String body) {
        APIGatewayV2HTTPResponse posted = world.post(slug, comment("Newcomer", body, token("test-pass-score-0.6")));
        assertEquals(202, posted.getStatusCode(), posted.getBody());
        return json(posted).get("id").asText();
    }

    private static final String IMPORTED = """
            {"comments": [
              {"ref": "wp-10", "name": "Ana", "email": "Ana.Import@Example.org", "website": "https://ana.example",
               "body": "First!", "createdAt": "2013-03-11T10:02:00Z", "status": "approved"},
              {"ref": "wp-11", "parentRef": "wp-10", "name": "Ben", "body": "A reply.", "createdAt": "2013-03-11T11:00:00Z",
               "status": "approved"},
              {"ref": "wp-12", "name": "Cy Pending", "body": "Held for a moderator.", "createdAt": "2013-03-12T09:00:00Z",
               "status": "pending"}
            ]}""";

    private APIGatewayV2HTTPResponse importInto(String article, String body, Map<String, String> claims) {
        return world.moderate("POST", "comments/" + article, Map.of(), body, claims);
    }

    @Test
    void importsTheCommentsASiteHadAsItHadThemAndOnlyOnce_J2() {
        String article = world.article("imported", "");

        APIGatewayV2HTTPResponse first = importInto(article, IMPORTED, MODERATOR);
        APIGatewayV2HTTPResponse again = importInto(article, IMPORTED, MODERATOR);

        assertEquals(200, first.getStatusCode(), first.getBody());
        assertEquals(3, json(first).get("stored").asInt());
        assertEquals(0, json(again).get("stored").asInt(), "sent again, nothing is stored twice");
        assertEquals(3, json(again).get("alreadyThere").asInt());
        JsonNode listed = json(world.list(article, Map.of())).get("comments");
        assertEquals(2, listed.size(), "approved comments are shown, the pending one waits: " + listed);
        assertEquals("Ana", listed.get(0).get("name").asText());
        assertEquals("First!", listed.get(0).get("body").asText());
        assertTrue(listed.get(0).get("id").asText().startsWith(String.format("%013d-", java.time.Instant.parse("2013-03-11T10:02:00Z").toEpochMilli())),
                "dated as the old site dated it");
        assertEquals(listed.get(0).get("id").asText(), listed.get(1).get("parentId").asText(), "a reply stays under its parent");
        assertFalse(listed.toString().toLowerCase(java.util.Locale.ROOT).contains("ana.import@example.org"), "emails stay private");
        JsonNode pending = json(world.moderate("GET", "comments", Map.of("queue", "pending", "limit", "100"), null, MODERATOR));
        List<JsonNode> held = new ArrayList<>();
        pending.get("comments").forEach(c -> {
            if (c.get("name").asText().equals("Cy Pending") && c.get("article").asText().equals(CommentsWorld.path(article))) {
                held.add(c);
            }
        });
        assertEquals(1, held.size(), "the pending comment waits in the moderators' queue: " + pending);
        APIGatewayV2HTTPResponse erased = world.moderate("POST", "erasure", Map.of(),
                "{\"email\":\"ana.import@example.org\"}", MODERATOR);
        assertEquals(1, json(erased).get("erased").asInt(), "an imported commenter can be erased like any other (H7)");
    }

    @Test
    void refusesAnImportWithABadCommentAndStoresNoneOfIt_J3() {
        String article = world.article("refused-import", "");
        String bad = """
                {"comments": [
                  {"ref": "a", "name": "Ok", "body": "Fine.", "createdAt": "2013-03-11T10:02:00Z", "status": "approved"},
                  {"ref": "b", "name": "No body", "createdAt": "2013-03-11T10:02:00Z", "status": "approved"},
                  {"ref": "c", "parentRef": "zzz", "name": "Orphan", "body": "Reply to nothing.", "createdAt": "2013-03-11T10:02:00Z", "status": "approved"},
                  {"ref": "d", "name": "Future", "body": "From 2999.", "createdAt": "2999-01-01T00:00:00Z", "status": "approved"},
                  {"ref": "a", "name": "Twice", "body": "Same ref.", "createdAt": "2013-03-11T10:02:00Z", "status": "spam", "ip": "1.2.3.4"}
                ]}""";

        APIGatewayV2HTTPResponse refused = importInto(article, bad, MODERATOR);

        assertEquals(400, refused.getStatusCode(), refused.getBody());
        JsonNode fields = json(refused).get("fields");
        assertEquals(CommentRules.BODY_MISSING, fields.get("comments[1].body").asText());
        for (String field : List.of("comments[2].parentRef", "comments[3].createdAt", "comments[4].ref", "comments[4].status", "comments[4].ip")) {
            assertTrue(fields.has(field), field + " in " + fields);
        }
        assertEquals(0, json(world.list(article, Map.of())).get("comments").size(), "none of the request is stored");
        assertEquals(403, importInto(article, IMPORTED, CommentsWorld.EDITOR).getStatusCode(), "only moderators import");
        assertEquals(404, importInto("articles~no-such-article", IMPORTED, MODERATOR).getStatusCode());
        assertEquals(404, importInto("..~..~etc", IMPORTED, MODERATOR).getStatusCode());
        assertEquals("invalid_json", json(importInto(article, "{\"comments\": {}}", MODERATOR)).get("error").asText());
        StringBuilder many = new StringBuilder("{\"comments\": [");
        for (int i = 0; i <= CommentImport.MAX_COMMENTS; i++) {
            many.append(i == 0 ? "" : ",").append("{\"ref\":\"r").append(i).append("\",\"name\":\"N\",\"body\":\"B\",")
                    .append("\"createdAt\":\"2013-03-11T10:02:00Z\",\"status\":\"approved\"}");
        }
        assertTrue(json(importInto(article, many.append("]}").toString(), MODERATOR)).get("fields").has("comments"));
    }

    @Test
    void onlyStaffReachTheDeskAndOnlyModeratorsDecide_J1_J7() {
        String slug = world.article("guarded", "");
        String held = held(slug, "Guarded words");
        // Reached without the authorizer's claims: not signed in.
        APIGatewayV2HTTPResponse unsigned = world.moderate("GET", "comments", Map.of(), null, Map.of());
        assertEquals("not_signed_in", json(unsigned).get("error").asText());
        assertEquals("Bearer", unsigned.getHeaders().get("WWW-Authenticate"));
        // A valid token of the pool, but in no desk group (J7), or only in another.
        for (String groups : new String[] {null, "[]", "[readers]", "[moderators-old]"}) {
            APIGatewayV2HTTPResponse response = world.moderate("GET", "comments", Map.of(), null, CommentsWorld.claims("eve", groups));
            assertEquals(403, response.getStatusCode(), groups);
            assertEquals("not_staff", json(response).get("error").asText());
        }
        // Editors read the queues, and may not decide.
        assertEquals(200, world.moderate("GET", "comments", Map.of("queue", "pending"), null, CommentsWorld.EDITOR).getStatusCode());
        for (String action : new String[] {"approve", "spam"}) {
            APIGatewayV2HTTPResponse refused = world.moderate("POST", "comments/" + slug + "/" + held + "/" + action, Map.of(), null,
                    CommentsWorld.EDITOR);
            assertEquals(403, refused.getStatusCode());
            assertEquals("forbidden", json(refused).get("error").asText());
        }
        assertEquals(403, world.moderate("DELETE", "comments/" + slug + "/" + held, Map.of(), null, CommentsWorld.EDITOR).getStatusCode());
        assertEquals(403, world.moderate("POST", "erasure", Map.of(), "{\"email\":\"x@example.org\"}", CommentsWorld.EDITOR)
                .getStatusCode());
        assertTrue(queue("pending").contains(held), "an editor's refused decision changed nothing");
        // A member of both groups may do what either may.
        assertEquals(200, world.moderate("POST", "comments/" + slug + "/" + held + "/approve", Map.of(), null,
                CommentsWorld.claims("both", "[editors moderators]")).getStatusCode());
    }

    @Test
    void aPageOfAnotherSiteIsRefusedEvenWithAModeratorsToken_J8() {
        String slug = world.article("cross-site", "");
        String held = held(slug, "Cross-site words");
        String approve = "comments/" + slug + "/" + held + "/approve";
        for (String origin : new String[] {"https://evil.example", "http://news.example.org", "https://news.example.org.evil.example", "null"}) {
            APIGatewayV2HTTPResponse refused = world.moderate("POST", approve, Map.of(), null, MODERATOR, origin);
            assertEquals(403, refused.getStatusCode(), origin);
            assertEquals("cross_site", json(refused).get("error").asText());
        }
        assertTrue(queue("pending").contains(held));
        assertEquals(200, world.moderate("POST", approve, Map.of(), null, MODERATOR, CommentsWorld.SITE).getStatusCode(),
                "the desk, on the site's own origin");
    }

    @Test
    void aHeldCommentSaysWhichRuleHeldItAndWhatItMatched() {
        String slug = world.article("held-why", "");
        String lowScore = held(slug, "Quiet words");
        APIGatewayV2HTTPResponse linked = world.post(slug, comment("Linker", "See https://shop.example/deal?x=1 now", token("test-pass")));
        assertEquals(202, linked.getStatusCode(), linked.getBody());
        String link = json(linked).get("id").asText();
        APIGatewayV2HTTPResponse bot = world.post(slug, "{\"name\":\"Bot\",\"body\":\"Cheap\",\"company\":\"Acme\",\"captchaToken\":\""
                + token("test-pass") + "\"}");
        String honeypot = json(bot).get("id").asText();
        Map<String, JsonNode> why = new java.util.HashMap<>();
        for (String queue : List.of("pending", "spam")) {
            json(world.moderate("GET", "comments", Map.of("queue", queue, "limit", "100"), null, MODERATOR)).get("comments")
                    .forEach(c -> why.put(c.get("id").asText(), c.get("heldBy")));
        }
        assertEquals("score", why.get(lowScore).get("rule").asText());
        assertEquals("0.6", why.get(lowScore).get("match").asText(), "the score, under the threshold");
        assertEquals("link", why.get(link).get("rule").asText());
        assertEquals("https://shop.example/deal?x=1", why.get(link).get("match").asText(), "the link itself");
        assertEquals("honeypot", why.get(honeypot).get("rule").asText(), "in the spam queue, with why");
        var manual = new CommentsWorld(world.local, siteverify, secrets, Map.of("MODERATION", "manual"));
        String waiting = json(manual.post(slug, comment("Patient", "Plain words", token("test-pass")))).get("id").asText();
        json(world.moderate("GET", "comments", Map.of("queue", "pending", "limit", "100"), null, MODERATOR)).get("comments")
                .forEach(c -> why.put(c.get("id").asText(), c.get("heldBy")));
        assertEquals("manual", why.get(waiting).get("rule").asText());
        assertFalse(why.get(waiting).has("match"), "nothing in the comment matched");
    }

    /** An article's own pre-moderation stands over the site's, both ways. */
    @Test
    void anArticleChoosesWhichOfItsCommentsWait() {
        String held = world.article("held", "commentModeration: all");
        String posted = json(world.post(held, comment("Careful", "Plain words here", token("test-pass")))).get("status").asText();
        assertEquals("pending", posted, "held on this article, though the site approves");
        var manual = new CommentsWorld(world.local, siteverify, secrets, Map.of("MODERATION", "manual"));
        String open = manual.article("open", "commentModeration: none");
        assertEquals("approved", json(manual.post(open, comment("Free", "Plain words there", token("test-pass")))).get("status").asText(),
                "published on this article, though the site holds every comment");
    }

    /** A site of its own: its site.yaml holds for its comments alone. */
    private CommentsWorld siteWith(String siteYaml) throws Exception {
        var names = new dev.newsroom.testkit.TemplateResources(dev.newsroom.testkit.CloudFormationTemplate.ofRepository())
                .create(world.local.services(), "rules-" + java.util.UUID.randomUUID().toString().substring(0, 6) + "-");
        var own = new dev.newsroom.testkit.LocalServicesExtension.Provisioned(world.local.services(), names);
        new dev.newsroom.core.store.SiteSettingsStore(world.local.services().dynamoDb(), own.name("UploadsTable"), "site.yaml")
                .applied("0001", siteYaml, java.time.Instant.now());
        return new CommentsWorld(own, siteverify, secrets, Map.of());
    }

    private static JsonNode heldBy(CommentsWorld site, String id) {
        for (String queue : List.of("pending", "spam")) {
            for (JsonNode c : json(site.moderate("GET", "comments", Map.of("queue", queue, "limit", "100"), null, MODERATOR)).get("comments")) {
                if (c.get("id").asText().equals(id)) {
                    return c;
                }
            }
        }
        return null;
    }

    @Test
    void siteYamlsWordsRefuseOrHoldAndItsPreModerationHoldsFirstComments() throws Exception {
        CommentsWorld site = siteWith("comments:\n  moderation: first\n  bannedWords: [spam, cheap pills]\n  suspectWords: [crypto]\n");
        String slug = site.article("rules", "");
        String banned = json(site.post(slug, comment("Seller", "Buy CHEAP \u0440ills here", token("test-pass")))).get("id").asText();
        assertEquals("spam", heldBy(site, banned).get("status").asText(), "a banned word, even in Cyrillic look-alikes, is spam");
        assertEquals("banned_word", heldBy(site, banned).get("heldBy").get("rule").asText());
        assertEquals("cheap pills", heldBy(site, banned).get("heldBy").get("match").asText(), "as the editor wrote it");

        String suspect = json(site.post(slug, comment("Ana", "Is this about Crypto?", token("test-pass")))).get("id").asText();
        assertEquals("suspect_word", heldBy(site, suspect).get("heldBy").get("rule").asText());
        assertEquals("crypto", heldBy(site, suspect).get("heldBy").get("match").asText());

        String first = "{\"name\":\"Ben\",\"email\":\"ben@example.org\",\"body\":\"%s\",\"captchaToken\":\"%s\"}";
        APIGatewayV2HTTPResponse firstComment = site.post(slug, first.formatted("My first words", token("test-pass")));
        assertEquals(202, firstComment.getStatusCode(), "a commenter's first comment waits");
        String firstId = json(firstComment).get("id").asText();
        assertEquals("first_comment", heldBy(site, firstId).get("heldBy").get("rule").asText());
        assertEquals(200, site.moderate("POST", "comments/" + slug + "/" + firstId + "/approve", Map.of(), null, MODERATOR).getStatusCode());
        assertEquals(201, site.post(slug, first.formatted("My second words", token("test-pass"))).getStatusCode(),
                "once one of theirs is approved, the next is published");
        assertEquals(202, site.post(slug, comment("Nameless", "No email, no history", token("test-pass"))).getStatusCode(),
                "without an email nobody's history is known");
    }

    @Test
    void readersReportsPutAPublishedCommentInTheReportedQueueAndAFloodCountsOnce_J10() {
        var world = new CommentsWorld(this.world.local, siteverify, secrets, Map.of("RATE_LIMIT_PER_MINUTE", "100"),
                CommentsWorld.atMinuteStart());
        String slug = world.article("reported", "");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(json(world.post(slug, comment("Loud " + i, "A published comment, number " + i, token("test-pass")))).get("id").asText());
        }
        String id = ids.get(0);
        // One reader, again and again: the same comment counts once; many comments, five a minute.
        String flooder = "203.0.113.99";
        List<Boolean> counted = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            counted.add(json(world.report(slug, id, "spam", flooder)).get("counted").asBoolean());
        }
        assertEquals(List.of(true, false, false, false), counted, "a reader's report of a comment counts once");
        List<Integer> statuses = new ArrayList<>();
        for (String other : ids.subList(1, 6)) {
            statuses.add(world.report(slug, other, "spam", flooder).getStatusCode());
        }
        assertEquals(List.of(202, 202, 202, 202, 429), statuses, "five reports a minute");
        assertFalse(queue("reported").contains(id), "one reader is not enough");
        APIGatewayV2HTTPResponse unlisted = world.report(slug, id, "because", "203.0.113.98");
        assertEquals(400, unlisted.getStatusCode(), "a reason must be one of the list");
        assertTrue(json(unlisted).get("fields").has("reason"));
        assertEquals(202, world.report(slug, id, "abuse", "203.0.113.97").getStatusCode());
        assertEquals(202, world.report(slug, id, "off_topic", "203.0.113.96").getStatusCode());
        JsonNode reported = null;
        for (JsonNode c : json(world.moderate("GET", "comments", Map.of("queue", "reported", "limit", "100"), null, MODERATOR)).get("comments")) {
            if (c.get("id").asText().equals(id)) {
                reported = c;
            }
        }
        assertEquals(3, reported.get("reports").get("count").asInt(), "three readers");
        assertEquals(List.of("abuse", "off_topic", "spam"), List.of(reported.get("reports").get("reasons").get(0).asText(),
                reported.get("reports").get("reasons").get(1).asText(), reported.get("reports").get("reasons").get(2).asText()));
        assertTrue(json(world.list(slug, Map.of())).get("comments").findValuesAsText("id").contains(id),
                "it stays on the page until a moderator decides");

        assertEquals(200, world.moderate("POST", "comments/" + slug + "/" + id + "/approve", Map.of(), null, MODERATOR).getStatusCode());
        assertFalse(queue("reported").contains(id), "approving settles the reports");
        assertEquals(404, world.report(slug, "1795512000000-nothere", "spam", "203.0.113.95").getStatusCode());
    }

    @Test
    void everyDecisionRecordsWhoWhenWhatAndWhy() {
        String slug = world.article("audited", "");
        String held = held(slug, "Words to judge");
        String reject = "comments/" + slug + "/" + held + "/reject";
        APIGatewayV2HTTPResponse noReason = world.moderate("POST", reject, Map.of(), null, MODERATOR);
        assertEquals(400, noReason.getStatusCode(), "a rejection says why");
        assertTrue(json(noReason).get("fields").has("reason"));
        assertEquals(200, world.moderate("POST", reject, Map.of(), "{\"reason\":\"Off topic, twice\"}", MODERATOR).getStatusCode());
        assertTrue(queue("rejected").contains(held));
        assertEquals(200, world.moderate("POST", "comments/" + slug + "/" + held + "/approve", Map.of(), null,
                CommentsWorld.claims("sam", "[moderators]")).getStatusCode());

        JsonNode approved = null;
        for (JsonNode c : json(world.list(slug, Map.of())).get("comments")) {
            approved = c;
        }
        assertFalse(approved.has("audit"), "readers never see the audit trail");
        String erasure = "{\"email\":\"nobody@example.org\"}";
        assertEquals(200, world.moderate("POST", "erasure", Map.of(), erasure, MODERATOR).getStatusCode());
        assertEquals(200, world.moderate("POST", "comments/" + slug + "/" + held + "/spam", Map.of(), null, MODERATOR).getStatusCode());
        JsonNode audit = null;
        for (JsonNode c : json(world.moderate("GET", "comments", Map.of("queue", "spam", "limit", "100"), null, MODERATOR)).get("comments")) {
            if (c.get("id").asText().equals(held)) {
                audit = c.get("audit");
            }
        }
        assertEquals(3, audit.size(), audit::toString);
        assertEquals("reject", audit.get(0).get("action").asText());
        assertEquals("rosa", audit.get(0).get("who").asText());
        assertEquals("Off topic, twice", audit.get(0).get("reason").asText());
        assertEquals("sam", audit.get(1).get("who").asText());
        assertEquals("approve", audit.get(1).get("action").asText());
        assertEquals("spam", audit.get(2).get("action").asText());
        assertTrue(java.time.Instant.parse(audit.get(2).get("at").asText()).isAfter(java.time.Instant.now().minusSeconds(60)));

        // Deleting leaves the record of the decision, never the text.
        assertEquals(200, world.moderate("DELETE", "comments/" + slug + "/" + held, Map.of(), "{\"reason\":\"Abusive\"}", MODERATOR)
                .getStatusCode());
        var records = world.local.services().dynamoDb().query(r -> r.tableName(world.local.name("CommentsTable"))
                .keyConditionExpression("slug = :slug AND begins_with(commentId, :audit)")
                .expressionAttributeValues(Map.of(":slug", AttributeValue.fromS(CommentsWorld.path(slug)),
                        ":audit", AttributeValue.fromS("audit#" + held)))).items();
        assertEquals(1, records.size());
        assertEquals("delete", records.get(0).get("action").s());
        assertEquals("Abusive", records.get(0).get("reason").s());
        assertFalse(records.get(0).containsKey("body"), "the text goes with the comment");
        assertEquals(3, records.get(0).get("audit").l().size(), "the decisions before it stay with the record");
        String record = records.get(0).get("commentId").s();
        assertEquals(404, world.moderate("POST", "comments/" + slug + "/" + record + "/approve", Map.of(), null, MODERATOR)
                .getStatusCode(), "a record is no comment to decide on");
        assertEquals(404, world.moderate("DELETE", "comments/" + slug + "/" + record, Map.of(), null, MODERATOR).getStatusCode(),
                "nor to delete");
    }

    @Test
    void anAddressNoModerationRouteHasIsNotFound() {
        for (String path : new String[] {"", "nothing", "comments/a/b", "comments/a/b/publish", "comments/a/b/c/d"}) {
            APIGatewayV2HTTPResponse response = world.moderate("POST", path, Map.of(), null, MODERATOR);
            assertEquals(404, response.getStatusCode(), path);
        }
        assertEquals(404, world.moderate("PUT", "comments", Map.of(), null, MODERATOR).getStatusCode());
    }

    @Test
    void approvingMarkingAsSpamAndDeleting() {
        String slug = world.article("moderated", "");
        String first = held(slug, "Please approve me");
        String second = held(slug, "Probably spam");
        assertTrue(queue("pending").containsAll(List.of(first, second)));

        assertEquals(200, world.moderate("POST", "comments/" + slug + "/" + first + "/approve", Map.of(), null, MODERATOR).getStatusCode());
        assertEquals(200, world.moderate("POST", "comments/" + slug + "/" + second + "/spam", Map.of(), null, MODERATOR).getStatusCode());

        JsonNode published = json(world.list(slug, Map.of())).get("comments");
        assertEquals(1, published.size());
        assertEquals(first, published.get(0).get("id").asText());
        assertFalse(queue("pending").contains(first) || queue("pending").contains(second));
        assertTrue(queue("spam").contains(second));

        String delete = "comments/" + slug + "/" + second;
        assertEquals(200, world.moderate("DELETE", delete, Map.of(), null, MODERATOR).getStatusCode());
        assertEquals(404, world.moderate("DELETE", delete, Map.of(), null, MODERATOR).getStatusCode());
        assertFalse(queue("spam").contains(second));
    }

    @Test
    void erasesACommentersEmailAndAddressFromAllTheirComments_H7() {
        String slug = world.article("erasure", "");
        List<String> ids = new ArrayList<>();
        for (String body : List.of("First words", "Second words")) {
            String request = "{\"name\":\"Rosa\",\"email\":\"Rosa.Erase@Example.org\",\"body\":\"" + body
                    + "\",\"captchaToken\":\"" + token("test-pass") + "\"}";
            ids.add(json(world.post(slug, request)).get("id").asText());
        }
        APIGatewayV2HTTPResponse erased = world.moderate("POST", "erasure", Map.of(),
                "{\"email\":\"rosa.erase@example.org\"}", MODERATOR);
        assertEquals(2, json(erased).get("erased").asInt(), erased.getBody());
        for (String id : ids) {
            Map<String, AttributeValue> item = world.local.services().dynamoDb().getItem(r -> r.tableName(world.local.name("CommentsTable"))
                    .key(Map.of("slug", AttributeValue.fromS(CommentsWorld.path(slug)), "commentId", AttributeValue.fromS(id)))).item();
            assertFalse(item.containsKey("email") || item.containsKey("emailHash") || item.containsKey("clientHash"), item::toString);
            assertEquals("Rosa", item.get("name").s(), "the comment itself stays");
        }
    }
}
