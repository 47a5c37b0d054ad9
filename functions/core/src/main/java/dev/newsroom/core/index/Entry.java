package dev.newsroom.core.index;

import dev.newsroom.core.article.ArticleMetadata;
import dev.newsroom.core.article.ArticleStatus;
import dev.newsroom.core.article.Author;
import dev.newsroom.core.article.LeadImage;
import dev.newsroom.core.article.RelatedArticle;
import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.article.Term;
import dev.newsroom.core.related.Candidate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.time.Instant;

/**
 * What listings, feeds, sitemaps and related lists need of a published article, and nothing more:
 * the index keeps one copy per listing the article is in, so none of them reads the article itself.
 *
 * @param version the article item's version this was taken from; a posting never goes back to an older one
 * @param lang    its language, where it is not the site's default
 * @param comments how many approved comments it has, as its teaser says
 * @param corrected whether it carries a correction, which lists it on the corrections page
 * @param authors  its byline, the primary author first: each one a person has an author page that lists it
 */
public record Entry(String path, long version, String title, Instant published, Instant modified,
                    Optional<String> summary, Optional<LeadImage> image, Term category, List<Author> authors, List<Term> tags,
                    Optional<String> lang, int comments, boolean corrected) {

    public Entry {
        tags = List.copyOf(tags);
        authors = List.copyOf(authors);
        if (authors.isEmpty()) {
            throw new IllegalArgumentException("an entry has an author, if only the site");
        }
    }

    /** The primary author: whose name the feeds give, and whose listing relates it. */
    public Author author() {
        return authors.get(0);
    }

    /** The entry of an article readers can see; none for drafts, withdrawn articles and static pages, which no list shows. */
    public static Optional<Entry> of(StoredArticle stored) {
        if (stored.status() != ArticleStatus.PUBLISHED || stored.article().metadata().page()) {
            return Optional.empty();
        }
        ArticleMetadata meta = stored.article().metadata();
        return Optional.of(new Entry(meta.path(), stored.version(), meta.title(), meta.published(), meta.modified(),
                meta.summary(), meta.image(), meta.category(), meta.authors(), meta.tags(), meta.lang(), stored.comments(),
                !meta.corrections().isEmpty()));
    }

    /** The listings it appears in: its language's home, and the rest. An article bylined to the site has no author page. */
    public List<ListingKey> listings() {
        List<ListingKey> keys = new ArrayList<>();
        keys.add(ListingKey.home(lang));
        keys.add(ListingKey.category(category.slug()));
        authors.stream().filter(a -> !a.organisation()).map(Author::slug).distinct().map(ListingKey::author).forEach(keys::add);
        new HashSet<>(tags.stream().map(Term::slug).toList()).stream().sorted().map(ListingKey::tag).forEach(keys::add);
        if (corrected) {
            keys.add(ListingKey.CORRECTIONS);
        }
        return keys;
    }

    public Candidate candidate() {
        return new Candidate(path, published, category.slug(), author().slug(), new HashSet<>(tags.stream().map(Term::slug).toList()), lang);
    }

    public RelatedArticle shown() {
        return new RelatedArticle(path, title, published, summary, image);
    }

    /** Whether readers would see a difference in any listing; the version alone is no change. */
    public boolean sameListing(Entry other) {
        return other != null && withVersion(0).equals(other.withVersion(0));
    }

    private Entry withVersion(long v) {
        return new Entry(path, v, title, published, modified, summary, image, category, authors, tags, lang, comments, corrected);
    }
}
