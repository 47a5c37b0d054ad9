package dev.newsroom.core.render;

import java.util.List;

/** An Atom feed (RFC 4287) of a listing's newest articles. */
public record FeedView(String title, String selfUrl, String pageUrl, String updatedIso, String updatedRfc822, String lang, List<Item> items) {

    /** @param authors its byline, the primary author first */
    public record Item(String title, String url, String publishedIso, String publishedRfc822, String updatedIso, List<String> authors,
                       String summary) {
    }
}
