package dev.newsroom.core.article;

/** A category or tag: the name editors wrote and the slug its page lives under. */
public record Term(String name, String slug) {

    public static Term named(String name) {
        return new Term(name, Slugs.forName(name));
    }
}
