package dev.newsroom.core.article;

import java.util.Optional;

/**
 * An article's author. Only the name is required; {@code twitter} is the bare handle, without "@".
 * An article without an author is bylined to the site itself ({@code organisation} is then true).
 */
public record Author(String name, String slug, Optional<String> bio, Optional<String> twitter,
                     Optional<String> url, boolean organisation) {

    public static Author person(String name, Optional<String> bio, Optional<String> twitter, Optional<String> url) {
        return new Author(name, Slugs.forName(name), bio, twitter, url, false);
    }

    public static Author site(String siteName) {
        return new Author(siteName, Slugs.forName(siteName), Optional.empty(), Optional.empty(), Optional.empty(), true);
    }
}
