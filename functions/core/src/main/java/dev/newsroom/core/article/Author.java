package dev.newsroom.core.article;

import java.util.Optional;

/**
 * An article's author. Only the name is required; {@code twitter} is the bare handle, without "@";
 * {@code affiliation} is who they wrote for, as migrated bylines give it ("Grafana Labs").
 * An article without an author is bylined to the site itself ({@code organisation} is then true).
 */
public record Author(String name, String slug, Optional<String> bio, Optional<String> twitter,
                     Optional<String> url, Optional<String> affiliation, boolean organisation) {

    public static Author person(String name, Optional<String> bio, Optional<String> twitter, Optional<String> url,
                                Optional<String> affiliation) {
        return new Author(name, Slugs.forName(name), bio, twitter, url, affiliation, false);
    }

    public static Author site(String siteName) {
        return new Author(siteName, Slugs.forName(siteName), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), true);
    }
}
