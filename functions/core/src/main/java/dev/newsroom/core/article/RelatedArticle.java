package dev.newsroom.core.article;

import java.time.Instant;
import java.util.Optional;

/** One entry of an article's "More articles" list, as stored with the article. */
public record RelatedArticle(String path, String title, Instant published, Optional<String> summary,
                             Optional<LeadImage> image) {
}
