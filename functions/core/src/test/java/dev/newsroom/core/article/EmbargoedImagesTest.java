package dev.newsroom.core.article;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmbargoedImagesTest {

    private final ArticleParser parser = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, "The Daily Example", ZoneOffset.UTC);

    private Article showing(String slug, String lead, String body) throws InvalidArticleException {
        return parser.parse("articles/" + slug + ".md", ("---\ntitle: " + slug + "\ndate: 2026-12-01\ncategory: City\nauthor: Amara Okafor\nimage: " + lead + "\n---\n![A chart](" + body + ")\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anImageIsHeldWhenAnEmbargoedArticleShowsItAndNoArticleThatWasLiveDoes_L9() throws InvalidArticleException {
        Article embargoed = showing("embargoed", "/assets/lead.jpg", "/assets/chart.png");
        Article live = showing("live", "/assets/chart.png", "/assets/other.jpg");
        Article expired = showing("expired", "/assets/old.jpg", "/assets/other.jpg");
        Article embargoedToo = showing("embargoed-too", "/assets/old.jpg", "/assets/logo.gif");
        Article draft = showing("draft", "/assets/draft.jpg", "/assets/lead.jpg");
        Map<Article, ArticleStatus> statuses = Map.of(embargoed, ArticleStatus.SCHEDULED, live, ArticleStatus.PUBLISHED,
                expired, ArticleStatus.EXPIRED, embargoedToo, ArticleStatus.SCHEDULED, draft, ArticleStatus.DRAFT);

        assertEquals(Set.of("/assets/lead.jpg"), EmbargoedImages.held(List.of(embargoed, live, expired, embargoedToo, draft), statuses::get),
                "the chart is out with the live article, the old photo with the one that expired; a GIF gets no record; a draft holds nothing");
        assertEquals(Set.of(), EmbargoedImages.held(List.of(draft), statuses::get));
    }

    @Test
    void onlyAnEmbargoHoldsBack() {
        for (ArticleStatus status : ArticleStatus.values()) {
            assertEquals(status == ArticleStatus.SCHEDULED, EmbargoedImages.holds(status), status.value());
        }
    }
}
