package dev.newsroom.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.newsroom.testkit.LocalJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a request's bearer token as API Gateway's JWT authorizer for HTTP APIs does, before the
 * route's function sees the request: the token in {@code Authorization}, with or without
 * {@code Bearer }; an RSA signature (RS256) by a key of the issuer's {@code jwks_uri}, found by
 * {@code kid} through the issuer's discovery document; {@code iss} exactly the issuer; {@code aud},
 * or {@code client_id} only where there is no {@code aud}, one of the audiences; {@code exp} after
 * now, {@code nbf} and {@code iat} not after now; and, where the route names scopes, one of them in
 * {@code scope} or {@code scp}. A token that fails is answered 401 ({@code invalid_token}), or 403
 * for a missing scope, and the function is never called. The claims of one that passes reach the
 * function as API Gateway gives them: every value a string, a list written {@code [a b]}.
 */
final class JwtAuthorizer {

    sealed interface Outcome permits Allowed, Refused {
    }

    /** @param claims what goes into the event's {@code requestContext.authorizer.jwt.claims} */
    record Allowed(Map<String, String> claims, List<String> scopes) implements Outcome {
    }

    record Refused(int status, String wwwAuthenticate) implements Outcome {
    }

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private final URI issuer;
    private final Set<String> audiences;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build();
    private volatile JWKSet keys = new JWKSet();

    JwtAuthorizer(URI issuer, Set<String> audiences, Clock clock) {
        this.issuer = issuer;
        this.audiences = Set.copyOf(audiences);
        this.clock = clock;
    }

    Outcome check(String authorization, List<String> routeScopes) {
        String token = Optional.ofNullable(authorization).map(String::strip).orElse("");
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        if (token.isEmpty()) {
            return refused("the token is missing");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return refused("the token is not a signed JWT");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            return refused("the token is not signed with RS256");
        }
        Optional<RSAKey> key = key(jwt.getHeader().getKeyID());
        if (key.isEmpty()) {
            return refused("the token's kid is not one of the issuer's keys");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(key.get()))) {
                return refused("the token's signature is not valid");
            }
        } catch (JOSEException e) {
            return refused("the token's signature is not valid");
        }
        Instant now = clock.instant();
        if (!issuer.toString().equals(claims.getIssuer())) {
            return refused("the token does not have a valid issuer");
        }
        List<String> audience = claims.getAudience();
        boolean audienceMatches = audience.isEmpty()
                ? audiences.contains(text(claims.getClaim("client_id")))
                : audience.stream().anyMatch(audiences::contains);
        if (!audienceMatches) {
            return refused("the token does not have a valid audience");
        }
        if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(now)) {
            return refused("the token has expired");
        }
        if (after(claims.getNotBeforeTime(), now) || after(claims.getIssueTime(), now)) {
            return refused("the token is not valid yet");
        }
        List<String> scopes = Arrays.stream(Optional.ofNullable(text(claims.getClaim("scope")))
                .or(() -> Optional.ofNullable(text(claims.getClaim("scp")))).orElse("").split(" "))
                .filter(s -> !s.isEmpty()).toList();
        if (!routeScopes.isEmpty() && routeScopes.stream().noneMatch(scopes::contains)) {
            return new Refused(403, "Bearer scope=\"" + String.join(" ", routeScopes)
                    + "\" error=\"insufficient_scope\" error_description=\"the token does not have the route's scope\"");
        }
        Map<String, String> flat = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> flat.put(name, text(value)));
        return new Allowed(flat, scopes);
    }

    private static Refused refused(String description) {
        return new Refused(401, "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + description + "\"");
    }

    private static boolean after(Date time, Instant now) {
        return time != null && time.toInstant().isAfter(now);
    }

    /** A claim as API Gateway passes it on: a list as {@code [a b]}, a date as epoch seconds, anything else as its text. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]"));
        }
        if (value instanceof Date date) {
            return Long.toString(date.toInstant().getEpochSecond());
        }
        return String.valueOf(value);
    }

    /** The issuer's key by id, from its key set, fetched again when a token names a key not seen yet (a rotation). */
    private Optional<RSAKey> key(String keyId) {
        if (keyId == null) {
            return Optional.empty();
        }
        JWK known = keys.getKeyByKeyId(keyId);
        if (known == null) {
            keys = fetchKeys();
            known = keys.getKeyByKeyId(keyId);
        }
        return known instanceof RSAKey rsa ? Optional.of(rsa) : Optional.empty();
    }

    private JWKSet fetchKeys() {
        try {
            JsonNode discovery = LocalJson.mapper().readTree(get(URI.create(issuer + "/.well-known/openid-configuration")));
            return JWKSet.parse(get(URI.create(discovery.path("jwks_uri").asText())));
        } catch (IOException | ParseException | IllegalArgumentException e) {
            return keys; // an issuer that cannot be reached leaves the keys as they were: the token is refused
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return keys;
        }
    }

    private String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(FETCH_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
        return response.body();
    }
}
