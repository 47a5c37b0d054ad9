package dev.newsroom.core.render;

import java.util.List;
import java.util.Set;

/** The article page's content, already formatted; nullable fields are left out of the page. */
public record ArticleView(
        PageHead head,
        String headline,
        String publishedIso,
        String publishedText,
        String updatedIso,
        String updatedText,
        Link category,
        List<AuthorView> authors,
        List<Link> tags,
        String imageSrc,
        String imageAlt,
        String bodyHtml,
        List<RelatedView> related,
        boolean commentsOpen,
        String commentsApi,
        String captchaProvider,
        String captchaSiteKey,
        String captchaScript,
        String commentsScriptUrl,
        Set<String> adSlots) {

    public record Link(String text, String href) {
    }

    public record AuthorView(String name, String href, String bio, String twitterHandle, String twitterUrl,
                             String website) {
    }

    public record RelatedView(String title, String href, String dateIso, String dateText, String summary,
                              String imageSrc, String imageAlt) {
    }

    public boolean ad(String slot) {
        return adSlots.contains(slot);
    }
}
