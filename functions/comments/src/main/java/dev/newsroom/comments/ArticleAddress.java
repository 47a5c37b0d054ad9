package dev.newsroom.comments;

import java.util.Map;

/** An article as staff name it at the desk: by its path, or by its page's address on the site. */
final class ArticleAddress {

    private ArticleAddress() {
    }

    /** The path {@code address} names; refused (400, naming {@code field}) if it names none. */
    static String path(String address, String siteOrigin, String field) {
        String given = address.strip();
        String path = given.startsWith(siteOrigin + "/") ? given.substring(siteOrigin.length()) : given;
        if (!path.startsWith("/")) {
            throw ApiError.of(ErrorKind.VALIDATION_FAILED, Map.of(field, "Give the article's address, such as /articles/harbour-vote."));
        }
        return path;
    }
}
