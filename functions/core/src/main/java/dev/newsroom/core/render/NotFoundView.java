package dev.newsroom.core.render;

import java.util.List;

/** The page readers get at an address with no page, with the latest articles to go on to. */
public record NotFoundView(PageHead head, String heading, List<ArticleView.RelatedView> latest) {
}
