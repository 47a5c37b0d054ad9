package dev.newsroom.core.article;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the front matter says about an article, validated and normalised.
 *
 * @param path the article's public URL path, which identifies it everywhere ({@link dev.newsroom.core.site.ArticlePaths})
 * @param slug the last part of its default path, and what permalink patterns call {@code :slug}
 * @param page whether it is a static page (About, Contact): uploaded under {@code pages/}, never
 *             listed, never related, without comments
 * @param lang the language it is written in, where that is not the site's default: one of the
 *             languages in {@code site.yaml}, whose code prefixes its path
 * @param translationKey what its language versions share, on a site of several languages: its
 *             front matter's {@code translationKey}, else its file's key without the language
 * @param commentModeration which of its comments wait for a moderator, over {@code site.yaml}'s
 *             {@code comments.moderation}: its front matter's {@code commentModeration}, if any
 * @param publishDate when it goes public, where its front matter gives a {@code publishDate} beside
 *             its {@code date}: until then it is embargoed ({@link Timing})
 * @param expires when it is to be withdrawn: its {@code expiryDate} ({@link Timing})
 * @param corrections the corrections it carries, oldest first: shown on its page, in its
 *             structured data, and listing it on the corrections page
 */
public record ArticleMetadata(
        String path,
        String slug,
        String title,
        Instant published,
        Optional<Instant> updated,
        List<Author> authors,
        Term category,
        List<Term> tags,
        Optional<String> summary,
        Optional<LeadImage> image,
        boolean draft,
        boolean commentsOpen,
        Optional<PreModeration> commentModeration,
        RelatedChoices related,
        boolean page,
        Optional<String> lang,
        Optional<String> translationKey,
        Optional<Instant> publishDate,
        Optional<Instant> expires,
        List<Correction> corrections) {

    public ArticleMetadata {
        authors = List.copyOf(authors);
        tags = List.copyOf(tags);
        corrections = List.copyOf(corrections);
    }

    public ArticleMetadata withSummary(String text) {
        return new ArticleMetadata(path, slug, title, published, updated, authors, category, tags, Optional.of(text), image,
                draft, commentsOpen, commentModeration, related, page, lang, translationKey, publishDate, expires, corrections);
    }

    public ArticleMetadata withUpdated(Optional<Instant> at) {
        return new ArticleMetadata(path, slug, title, published, at, authors, category, tags, summary, image,
                draft, commentsOpen, commentModeration, related, page, lang, translationKey, publishDate, expires, corrections);
    }

    public ArticleMetadata withImage(LeadImage known) {
        return new ArticleMetadata(path, slug, title, published, updated, authors, category, tags, summary, Optional.of(known),
                draft, commentsOpen, commentModeration, related, page, lang, translationKey, publishDate, expires, corrections);
    }

    public ArticleMetadata withCorrections(List<Correction> dated) {
        return new ArticleMetadata(path, slug, title, published, updated, authors, category, tags, summary, image,
                draft, commentsOpen, commentModeration, related, page, lang, translationKey, publishDate, expires, dated);
    }

    /** This article as its versions in the other languages link it. */
    public Translation translation() {
        return new Translation(lang, path);
    }

    /** The author whose page and structured data the article belongs to. */
    public Author primaryAuthor() {
        return authors.get(0);
    }

    /** When it goes public: its publish date, else its date. */
    public Instant goesPublic() {
        return publishDate.orElse(published);
    }

    /** When the article last changed: its updated date or its latest correction's, if after the published date. */
    public Instant modified() {
        return java.util.stream.Stream.concat(updated.stream(), corrections.stream().flatMap(c -> c.at().stream()))
                .filter(at -> at.isAfter(published)).max(Instant::compareTo).orElse(published);
    }
}
