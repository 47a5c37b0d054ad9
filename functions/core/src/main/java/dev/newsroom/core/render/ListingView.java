package dev.newsroom.core.render;

import java.util.List;
import java.util.Optional;

/**
 * A page listing articles: the home page, a category, tag or author page, or one month of any of
 * them. What is absent is left out of the page.
 *
 * @param kicker  what kind of listing it is, above the heading
 * @param author  the author's box on an author page
 * @param newer   on a month page, the next month with articles
 * @param older   on a month page, the previous one; on an index page, the newest month
 * @param archive the months with articles, newest first, on index pages
 * @param lead    whether the first article leads the page, with its image large and loaded first: the home pages'
 */
public record ListingView(PageHead head, Optional<String> kicker, String heading, Optional<ArticleView.AuthorView> author,
                          List<ArticleView.RelatedView> items, Optional<ArticleView.Link> newer, Optional<ArticleView.Link> older,
                          List<ArticleView.Link> archive, Optional<String> feedHref, boolean lead) {
}
