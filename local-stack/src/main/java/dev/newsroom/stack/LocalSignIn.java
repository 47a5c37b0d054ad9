package dev.newsroom.stack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.newsroom.testkit.FormFields;
import dev.newsroom.testkit.LocalJson;
import dev.newsroom.testkit.LoopbackHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Plays the desk's Amazon Cognito user pool on this machine, at Cognito's own paths, so the desk
 * signs in locally through the code that signs in on AWS: OpenID Connect discovery, the key set,
 * {@code /oauth2/authorize} (a sign-in form in place of the hosted UI), {@code /oauth2/token} (the
 * authorization code with PKCE, S256 only), and {@code /logout}. Tokens are shaped as Cognito's are:
 * RS256, an access token with {@code client_id}, {@code scope}, {@code username} and
 * {@code cognito:groups}; an ID token with {@code aud} and {@code email}. One public client, the desk,
 * and two seeded users, a moderator and an editor, whose passwords and signing key are made on a
 * data directory's first start and kept.
 */
final class LocalSignIn implements AutoCloseable {

    static final String CLIENT_ID = "newsroom-desk";
    /** The scope the moderation routes require: only the desk's access tokens carry it, never an ID token. */
    static final String DESK_SCOPE = "newsroom/desk";
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(5);

    record User(String username, String email, String group, String password) {

        String subject() {
            return UUID.nameUUIDFromBytes(("newsroom-local:" + username).getBytes(StandardCharsets.UTF_8)).toString();
        }
    }

    private record Authorization(String redirectUri, String state, String challenge, String scope) {
    }

    private record Code(User user, Authorization authorization, Instant expires) {
    }

    private final HttpServer server;
    private final RSAKey key;
    private final List<User> users;
    private final URI desk;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Authorization> pending = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();

    /**
     * @param desk the desk's address: the only redirect and logout target, and the origin allowed to fetch tokens
     */
    LocalSignIn(Path secrets, URI desk, ExecutorService executor, Clock clock) throws IOException {
        this.key = signingKey(secrets.resolve("sign-in-key.json"));
        this.users = List.of(
                new User("moderator", "moderator@newsroom.local", "moderators", LocalNewsroom.secret(secrets, "DESK_MODERATOR_PASSWORD")),
                new User("editor", "editor@newsroom.local", "editors", LocalNewsroom.secret(secrets, "DESK_EDITOR_PASSWORD")));
        this.desk = desk;
        this.clock = clock;
        this.server = LoopbackHttpServer.create(0, 16);
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    /** The issuer, exactly as tokens carry it in {@code iss}; discovery is under it. */
    URI issuer() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<User> users() {
        return users;
    }

    User user(String username) {
        return users.stream().filter(u -> u.username().equals(username)).findFirst().orElseThrow();
    }

    /** The public keys, as {@code jwks_uri} serves them. */
    JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    /** An access token for the desk's routes, as the token endpoint gives one, valid for {@code lifetime}. */
    String accessToken(User user, Duration lifetime) {
        Instant now = clock.instant();
        return sign(new JWTClaimsSet.Builder()
                .issuer(issuer().toString())
                .subject(user.subject())
                .claim("client_id", CLIENT_ID)
                .claim("token_use", "access")
                .claim("scope", "openid email " + DESK_SCOPE)
                .claim("username", user.username())
                .claim("cognito:groups", List.of(user.group()))
                .claim("auth_time", now.getEpochSecond())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build());
    }

    private String idToken(User user) {
        Instant now = clock.instant();
        return sign(new JWTClaimsSet.Builder()
                .issuer(issuer().toString())
                .subject(user.subject())
                .audience(CLIENT_ID)
                .claim("token_use", "id")
                .claim("email", user.email())
                .claim("email_verified", true)
                .claim("cognito:username", user.username())
                .claim("cognito:groups", List.of(user.group()))
                .claim("auth_time", now.getEpochSecond())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .build());
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the local sign-in key", e);
        }
        return jwt.serialize();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (method + " " + path) {
                case "GET /.well-known/openid-configuration" -> json(exchange, 200, discovery());
                case "GET /.well-known/jwks.json" -> LoopbackHttpServer.send(exchange, 200, "application/json", publicKeys().toString());
                case "GET /oauth2/authorize" -> authorize(exchange);
                case "POST /login" -> login(exchange);
                case "POST /oauth2/token" -> token(exchange);
                case "OPTIONS /oauth2/token" -> {
                    allowDesk(exchange);
                    exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
                    exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
                    exchange.sendResponseHeaders(204, -1);
                }
                case "GET /logout" -> logout(exchange);
                default -> LoopbackHttpServer.send(exchange, 404, "text/plain; charset=utf-8", "Not found\n");
            }
        }
    }

    private ObjectNode discovery() {
        String issuer = issuer().toString();
        ObjectNode d = LocalJson.mapper().createObjectNode();
        d.put("issuer", issuer);
        d.put("authorization_endpoint", issuer + "/oauth2/authorize");
        d.put("token_endpoint", issuer + "/oauth2/token");
        d.put("jwks_uri", issuer + "/.well-known/jwks.json");
        d.put("end_session_endpoint", issuer + "/logout");
        d.putArray("response_types_supported").add("code");
        d.putArray("grant_types_supported").add("authorization_code");
        d.putArray("code_challenge_methods_supported").add("S256");
        d.putArray("id_token_signing_alg_values_supported").add("RS256");
        d.putArray("subject_types_supported").add("public");
        d.putArray("scopes_supported").add("openid").add("email").add(DESK_SCOPE);
        return d;
    }

    /** The hosted UI's first step: a request from the registered client, to the registered address, with a PKCE challenge. */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = FormFields.parse(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
        if (!CLIENT_ID.equals(query.get("client_id")) || !desk.toString().equals(query.get("redirect_uri"))) {
            // Never redirect to an address the client did not register.
            LoopbackHttpServer.send(exchange, 400, "text/plain; charset=utf-8", "invalid_request: unknown client or redirect_uri\n");
            return;
        }
        Optional<String> problem = !"code".equals(query.get("response_type")) ? Optional.of("unsupported_response_type")
                : !"S256".equals(query.get("code_challenge_method")) || query.getOrDefault("code_challenge", "").length() < 43
                ? Optional.of("invalid_request") : Optional.empty();
        if (problem.isPresent()) {
            redirect(exchange, desk + "?error=" + problem.get() + state(query.get("state")));
            return;
        }
        String id = randomId();
        pending.put(id, new Authorization(desk.toString(), query.getOrDefault("state", ""), query.get("code_challenge"),
                query.getOrDefault("scope", "openid")));
        signInForm(exchange, 200, id, false);
    }

    private void login(HttpExchange exchange) throws IOException {
        Map<String, String> form = FormFields.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String id = form.getOrDefault("request", "");
        Authorization authorization = pending.get(id);
        if (authorization == null) {
            LoopbackHttpServer.send(exchange, 400, "text/plain; charset=utf-8", "This sign-in has expired. Go back to the desk and sign in again.\n");
            return;
        }
        Optional<User> user = users.stream().filter(u -> u.username().equalsIgnoreCase(form.getOrDefault("username", "").strip())
                && MessageDigest.isEqual(u.password().getBytes(StandardCharsets.UTF_8),
                form.getOrDefault("password", "").getBytes(StandardCharsets.UTF_8))).findFirst();
        if (user.isEmpty()) {
            signInForm(exchange, 401, id, true);
            return;
        }
        pending.remove(id);
        String code = randomId();
        codes.put(code, new Code(user.get(), authorization, clock.instant().plus(CODE_LIFETIME)));
        redirect(exchange, authorization.redirectUri() + "?code=" + code + state(authorization.state()));
    }

    /** The token endpoint: one code, once, for the client it was given to, with the verifier of its challenge. */
    private void token(HttpExchange exchange) throws IOException {
        allowDesk(exchange);
        Map<String, String> form = FormFields.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"authorization_code".equals(form.get("grant_type"))) {
            json(exchange, 400, error("unsupported_grant_type"));
            return;
        }
        Code code = codes.remove(form.getOrDefault("code", ""));
        boolean valid = code != null && clock.instant().isBefore(code.expires())
                && CLIENT_ID.equals(form.get("client_id"))
                && code.authorization().redirectUri().equals(form.get("redirect_uri"))
                && code.authorization().challenge().equals(challengeOf(form.getOrDefault("code_verifier", "")));
        if (!valid) {
            json(exchange, 400, error("invalid_grant"));
            return;
        }
        ObjectNode tokens = LocalJson.mapper().createObjectNode();
        tokens.put("access_token", accessToken(code.user(), TOKEN_LIFETIME));
        tokens.put("id_token", idToken(code.user()));
        tokens.put("token_type", "Bearer");
        tokens.put("expires_in", TOKEN_LIFETIME.toSeconds());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        json(exchange, 200, tokens);
    }

    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> query = FormFields.parse(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
        if (!CLIENT_ID.equals(query.get("client_id")) || !desk.toString().equals(query.get("logout_uri"))) {
            LoopbackHttpServer.send(exchange, 400, "text/plain; charset=utf-8", "invalid_request: unknown client or logout_uri\n");
            return;
        }
        redirect(exchange, desk.toString());
    }

    /** The hosted UI's stand-in. It shows nothing the request brought: the request is known by its id alone. */
    private void signInForm(HttpExchange exchange, int status, String requestId, boolean failed) throws IOException {
        String page = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>Sign in to the desk</title>
                <style>body{font:1rem/1.5 system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}
                label,input,button{display:block;width:100%%;box-sizing:border-box}input{margin:.25rem 0 1rem;padding:.4rem}
                button{padding:.5rem}.error{color:#a00}</style></head>
                <body><main><h1>Sign in to the desk</h1>
                <p>Local sign-in: the users and their passwords are in endpoints.json.</p>%s
                <form method="post" action="/login">
                <input type="hidden" name="request" value="%s">
                <label for="username">Username</label><input id="username" name="username" autocomplete="username" required>
                <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
                <button type="submit">Sign in</button>
                </form></main></body></html>
                """.formatted(failed ? "\n<p class=\"error\" role=\"alert\">Incorrect username or password.</p>" : "", requestId);
        // form-action governs the redirect that answers the form too: the desk's origin must be in it.
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' "
                + dev.newsroom.core.site.SiteConfig.origin(desk) + "; frame-ancestors 'none'");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        LoopbackHttpServer.send(exchange, status, "text/html; charset=utf-8", page);
    }

    private void allowDesk(HttpExchange exchange) {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", dev.newsroom.core.site.SiteConfig.origin(desk));
    }

    private static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String state(String state) {
        return state == null || state.isEmpty() ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8);
    }

    private static ObjectNode error(String code) {
        return LocalJson.mapper().createObjectNode().put("error", code);
    }

    private String randomId() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The signing key: made on a data directory's first start and kept, so tokens survive a restart. */
    private static RSAKey signingKey(Path file) throws IOException {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file));
            }
            RSAKey generated = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
                    .algorithm(JWSAlgorithm.RS256).keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE).generate();
            Files.writeString(file, generated.toJSONString());
            return generated;
        } catch (JOSEException | ParseException e) {
            throw new IOException("cannot read or make the local sign-in key " + file, e);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    private static void json(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        LoopbackHttpServer.send(exchange, status, "application/json", body.toString());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
