package dev.newsroom.core.discussion;

import java.time.Instant;
import java.util.Optional;

/**
 * An approved comment as readers see it on the article's page: never its email, address or score.
 *
 * @param id       time-ordered, so comments sort oldest first
 * @param staff    written by a member of staff, from the desk
 * @param featured featured by the desk
 */
public record ShownComment(String id, String name, Optional<String> website, String body, Optional<String> parentId,
                           Instant createdAt, boolean staff, boolean featured) {
}
