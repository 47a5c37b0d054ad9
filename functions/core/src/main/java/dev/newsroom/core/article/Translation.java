package dev.newsroom.core.article;

import java.util.Optional;

/**
 * A published version of an article in one of the site's languages: its language, where that is not
 * the default, and its path. Versions share a {@link ArticleMetadata#translationKey()}.
 */
public record Translation(Optional<String> lang, String path) {
}
