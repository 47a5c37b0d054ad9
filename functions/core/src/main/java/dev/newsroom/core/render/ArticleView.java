package dev.newsroom.core.render;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The article page's content, already formatted; what is absent is left out of the page. */
public record ArticleView(
        PageHead head,
        String headline,
        DateView published,
        Optional<DateView> updated,
        List<CorrectionView> corrections,
        Link category,
        List<AuthorView> authors,
        List<Link> tags,
        Optional<ImageView> image,
        String bodyHtml,
        List<RelatedView> related,
        CommentsView comments,
        Set<String> adSlots) {

    public record Link(String text, String href) {
    }

    /** One of a teaser's authors: linked to their page, unless the site itself wrote it. */
    public record Byline(String name, Optional<String> href) {
    }

    /** A correction's note, in plain text, and when it was made. */
    public record CorrectionView(DateView date, String text) {
    }

    /**
     * An author in the byline and, with a page of their own, in a box about them; an organisation has
     * neither a page nor a box.
     *
     * @param twitter     the handle, and the profile it links to
     * @param affiliation who they wrote for, shown beside the name
     */
    public record AuthorView(String name, Optional<String> href, Optional<String> bio, Optional<Link> twitter,
                             Optional<String> website, Optional<String> affiliation) {
    }

    /** @param lang the article's language, where it is not the page's */
    public record RelatedView(String title, String href, DateView date, Optional<String> summary, Optional<ImageView> image,
                              Optional<String> lang, Optional<String> comments, List<Byline> byline) {

        RelatedView in(String language) {
            return new RelatedView(title, href, date, summary, image, Optional.of(language), comments, byline);
        }
    }

    /**
     * The comments section: the list is always there, the form only while comments are open.
     *
     * @param api       the comments API's path for this article
     * @param scriptUrl the page's own script, which posts comments and loads the threads not shown
     * @param threads   the newest approved threads, rendered into the page
     * @param count     every approved comment
     * @param more      whether older threads are left for the script to load
     */
    public record CommentsView(boolean open, String api, CaptchaView captcha, String scriptUrl, List<CommentView> threads,
                               int count, boolean more) {
    }

    /**
     * An approved comment on the page, with its replies; its website only if it is an http(s)
     * address; marked as a staff member's reply, or as featured, with the page's words for them.
     */
    public record CommentView(String id, String name, Optional<String> website, String body, DateView date,
                              Optional<String> staffBadge, Optional<String> featuredBadge, List<CommentView> replies) {
    }

    /** The captcha widget of the comment form: which provider, the site's key with it, and its script. */
    public record CaptchaView(String provider, String siteKey, String scriptUrl) {
    }

    public boolean ad(String slot) {
        return adSlots.contains(slot);
    }
}
