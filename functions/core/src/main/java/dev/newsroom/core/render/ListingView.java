package dev.newsroom.core.render;

import java.util.List;

/**
 * A page listing articles: the home page, a category, tag or author page, or one month of any of
 * them. Nullable fields are left out of the page.
 *
 * @param kicker  what kind of listing it is, above the heading
 * @param author  the author's box on an author page
 * @param newer   on a month page, the next month with articles
 * @param older   on a month page, the previous one; on an index page, the newest month
 * @param archive the months with articles, newest first, on index pages
 */
public record ListingView(PageHead head, String kicker, String heading, ArticleView.AuthorView author,
                          List<ArticleView.RelatedView> items, ArticleView.Link newer, ArticleView.Link older,
                          List<ArticleView.Link> archive, String feedHref) {
}
