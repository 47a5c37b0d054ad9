package dev.newsroom.core.article;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimingTest {

    private final ArticleParser parser = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, "The Daily Example", ZoneOffset.UTC);

    private ArticleMetadata article(String frontMatter) throws InvalidArticleException {
        return parser.parse("articles/a.md", ("---\ntitle: A\n" + frontMatter + "\n---\nBody.\n").getBytes(StandardCharsets.UTF_8)).metadata();
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    void anArticleDatedInTheFutureIsScheduledUntilItsDate() throws Exception {
        ArticleMetadata embargoed = article("date: 2026-12-08T09:00:00Z");
        assertEquals(ArticleStatus.SCHEDULED, Timing.status(embargoed, at("2026-12-08T08:59:59.999Z")));
        assertEquals(ArticleStatus.PUBLISHED, Timing.status(embargoed, at("2026-12-08T09:00:00Z")));
        assertEquals(Optional.of(at("2026-12-08T09:00:00Z")), Timing.nextChange(embargoed, at("2026-12-07T00:00:00Z")));
        assertEquals(Optional.empty(), Timing.nextChange(embargoed, at("2026-12-08T09:00:00Z")));
    }

    @Test
    void publishDateBesideADateIsWhenItGoesPublic() throws Exception {
        ArticleMetadata embargoed = article("date: 2026-12-01\npublishDate: 2026-12-10T06:00:00Z");
        assertEquals(at("2026-12-01T00:00:00Z"), embargoed.published(), "the date shown stays the article's date");
        assertEquals(ArticleStatus.SCHEDULED, Timing.status(embargoed, at("2026-12-05T00:00:00Z")));
        assertEquals(Optional.of(at("2026-12-10T06:00:00Z")), Timing.nextChange(embargoed, at("2026-12-05T00:00:00Z")));
        assertEquals(ArticleStatus.PUBLISHED, Timing.status(embargoed, at("2026-12-10T06:00:00Z")));
    }

    @Test
    void anExpiryDateWithdrawsItAtItsTime() throws Exception {
        ArticleMetadata expiring = article("date: 2026-12-01\nexpiryDate: 2026-12-20T12:00:00Z");
        assertEquals(ArticleStatus.PUBLISHED, Timing.status(expiring, at("2026-12-20T11:59:59Z")));
        assertEquals(Optional.of(at("2026-12-20T12:00:00Z")), Timing.nextChange(expiring, at("2026-12-05T00:00:00Z")));
        assertEquals(ArticleStatus.EXPIRED, Timing.status(expiring, at("2026-12-20T12:00:00Z")));
        assertEquals(Optional.empty(), Timing.nextChange(expiring, at("2026-12-20T12:00:00Z")));
    }

    @Test
    void anEmbargoedArticleThatAlsoExpiresChangesTwice() throws Exception {
        ArticleMetadata both = article("date: 2026-12-10\nexpiryDate: 2026-12-11");
        Instant before = at("2026-12-01T00:00:00Z");
        assertEquals(Optional.of(at("2026-12-10T00:00:00Z")), Timing.nextChange(both, before));
        assertEquals(Optional.of(at("2026-12-11T00:00:00Z")), Timing.nextChange(both, at("2026-12-10T00:00:00Z")));
    }

    @Test
    void anArticleAlreadyPastItsExpiryIsNeverPublic() throws Exception {
        assertEquals(ArticleStatus.EXPIRED, Timing.status(article("date: 2020-01-01\nexpiryDate: 2021-01-01"), at("2026-12-07T00:00:00Z")));
    }

    @Test
    void aDraftIsADraftWhateverItsDates() throws Exception {
        ArticleMetadata draft = article("date: 2030-01-01\ndraft: true");
        assertEquals(ArticleStatus.DRAFT, Timing.status(draft, at("2026-12-07T00:00:00Z")));
        assertEquals(Optional.empty(), Timing.nextChange(draft, at("2026-12-07T00:00:00Z")));
    }
}
