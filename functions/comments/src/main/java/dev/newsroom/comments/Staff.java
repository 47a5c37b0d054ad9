package dev.newsroom.comments;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who is at the desk, from the claims of the token API Gateway's JWT authorizer checked (issuer,
 * audience, expiry, signature and the desk's scope), and what they may do. The authorizer never
 * looks at groups, so this does: {@code cognito:groups}, which API Gateway passes on as
 * {@code [moderators editors]}.
 *
 * @param username the account's name, as decisions record it
 */
record Staff(String username, Set<Role> roles) {

    /** The desk's groups, as template.yaml creates them. */
    enum Role {
        MODERATOR("moderators", EnumSet.allOf(Action.class)),
        EDITOR("editors", EnumSet.of(Action.READ_QUEUES, Action.FEATURE, Action.PREVIEW));

        private final String group;
        private final Set<Action> actions;

        Role(String group, Set<Action> actions) {
            this.group = group;
            this.actions = actions;
        }
    }

    /** What a request to the moderation route does. */
    enum Action {
        READ_QUEUES, FEATURE, PREVIEW, MODERATE, ERASE, IMPORT
    }

    /** The staff member a request comes from: refused (401) without the authorizer's claims, (403) without a desk group. */
    static Staff of(ApiRequest event) {
        String username = Optional.ofNullable(event.claims().get("username"))
                .or(() -> Optional.ofNullable(event.claims().get("cognito:username"))).orElse("");
        if (username.isEmpty()) {
            throw ApiError.of(ErrorKind.NOT_SIGNED_IN);
        }
        String groups = event.claims().getOrDefault("cognito:groups", "");
        Set<String> names = Set.of(groups.replaceAll("^\\[|]$", "").split(" "));
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(Role.values()).filter(role -> names.contains(role.group)).forEach(roles::add);
        if (roles.isEmpty()) {
            throw ApiError.of(ErrorKind.NOT_STAFF);
        }
        return new Staff(username, roles);
    }

    /** Refuses (403) an action none of the member's groups may take. */
    void require(Action action) {
        if (roles.stream().noneMatch(role -> role.actions.contains(action))) {
            throw ApiError.of(ErrorKind.FORBIDDEN);
        }
    }
}
