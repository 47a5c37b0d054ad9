package dev.newsroom.relate;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import dev.newsroom.core.store.ArticleItems;
import dev.newsroom.core.store.StoredArticle;
import java.util.Map;
import java.util.Optional;

/**
 * One record of the articles table's stream: the article before and after.
 *
 * @param version the article version the change brings; for a deleted item, one past its last
 */
public record ArticleChange(String slug, Optional<StoredArticle> before, Optional<StoredArticle> after, long version) {

    public static ArticleChange of(DynamodbStreamRecord record) {
        var images = record.getDynamodb();
        Optional<StoredArticle> before = image(images.getOldImage());
        Optional<StoredArticle> after = image(images.getNewImage());
        String slug = images.getKeys().get(ArticleItems.SLUG).getS();
        long version = after.map(StoredArticle::version).orElseGet(() -> before.map(b -> b.version() + 1).orElse(1L));
        return new ArticleChange(slug, before, after, version);
    }

    private static Optional<StoredArticle> image(Map<String, AttributeValue> image) {
        return image == null || image.isEmpty() ? Optional.empty()
                : Optional.of(ArticleItems.fromItem(DynamodbAttributeValueTransformer.toAttributeValueMapV2(image)));
    }
}
