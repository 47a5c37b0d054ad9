package dev.newsroom.relate;

import dev.newsroom.core.article.StoredArticle;
import dev.newsroom.core.store.ArticleItems;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One record of the articles table's stream: the article before and after.
 *
 * @param version the article version the change brings; for a deleted item, one past its last
 */
public record ArticleChange(String slug, Optional<StoredArticle> before, Optional<StoredArticle> after, long version) {

    static ArticleChange of(StreamRecord record) {
        Optional<StoredArticle> before = image(record.oldImage());
        Optional<StoredArticle> after = image(record.newImage());
        String slug = record.keys().get(ArticleItems.SLUG).s();
        long version = after.map(StoredArticle::version).orElseGet(() -> before.map(b -> b.version() + 1).orElse(1L));
        return new ArticleChange(slug, before, after, version);
    }

    private static Optional<StoredArticle> image(Map<String, AttributeValue> image) {
        return image.isEmpty() ? Optional.empty() : Optional.of(ArticleItems.fromItem(image));
    }
}
