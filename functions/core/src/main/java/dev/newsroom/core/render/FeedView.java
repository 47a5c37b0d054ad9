package dev.newsroom.core.render;

import java.util.List;

/** An Atom feed (RFC 4287) of a listing's newest articles. */
public record FeedView(String title, String selfUrl, String pageUrl, String updatedIso, List<Item> items) {

    public record Item(String title, String url, String publishedIso, String updatedIso, String author, String summary) {
    }
}
