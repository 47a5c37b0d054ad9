package dev.newsroom.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.newsroom.testkit.LocalJson;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local sign-in as the desk uses it (the authorization code with PKCE, at Cognito's paths), and
 * the front's JWT authorizer refusing every token API Gateway's would (J4–J6).
 */
class LocalSignInTest {

    private static final URI DESK = URI.create("http://127.0.0.1:3999/desk/");
    private static final List<String> DESK_SCOPE = List.of(LocalSignIn.DESK_SCOPE);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ExecutorService executor;
    private static Path secrets;
    private static LocalSignIn signIn;
    private static JwtAuthorizer authorizer;

    @BeforeAll
    static void start() throws Exception {
        executor = Executors.newFixedThreadPool(2);
        secrets = Files.createTempDirectory("sign-in");
        signIn = new LocalSignIn(secrets, DESK, executor, Clock.systemUTC());
        authorizer = new JwtAuthorizer(signIn.issuer(), Set.of(LocalSignIn.CLIENT_ID), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        signIn.close();
        executor.shutdownNow();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The hosted UI's round: authorize, sign in; the code the desk gets back. */
    private static String code(String verifier, LocalSignIn.User user, String password) throws Exception {
        HttpResponse<String> form = get(signIn.issuer() + "/oauth2/authorize?response_type=code&client_id=" + LocalSignIn.CLIENT_ID
                + "&redirect_uri=" + URLEncoder.encode(DESK.toString(), StandardCharsets.UTF_8) + "&state=s1&scope=openid"
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256");
        assertEquals(200, form.statusCode());
        Matcher request = Pattern.compile("name=\"request\" value=\"([0-9a-f]+)\"").matcher(form.body());
        assertTrue(request.find(), form.body());
        HttpResponse<String> signedIn = post(signIn.issuer() + "/login",
                Map.of("request", request.group(1), "username", user.username(), "password", password));
        if (signedIn.statusCode() != 302) {
            return null;
        }
        String location = signedIn.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(DESK + "?code=") && location.endsWith("&state=s1"), location);
        return location.substring(location.indexOf("code=") + 5, location.indexOf('&'));
    }

    private static HttpResponse<String> token(String code, String verifier) throws Exception {
        return post(signIn.issuer() + "/oauth2/token", Map.of("grant_type", "authorization_code", "client_id", LocalSignIn.CLIENT_ID,
                "code", code, "redirect_uri", DESK.toString(), "code_verifier", verifier));
    }

    @Test
    void theDeskSignsInWithACodeAndItsVerifierAndGetsAnAccessTokenTheAuthorizerLetsThrough() throws Exception {
        JsonNode discovery = LocalJson.mapper().readTree(get(signIn.issuer() + "/.well-known/openid-configuration").body());
        assertEquals(signIn.issuer().toString(), discovery.get("issuer").asText());
        assertEquals("S256", discovery.get("code_challenge_methods_supported").get(0).asText());

        String verifier = "a-verifier-of-the-desk-that-is-long-enough-for-pkce-0123456789";
        LocalSignIn.User moderator = signIn.user("moderator");
        String code = code(verifier, moderator, moderator.password());
        assertEquals(400, token(code, verifier + "x").statusCode(), "a verifier that is not the challenge's");
        String fresh = code(verifier, moderator, moderator.password());
        HttpResponse<String> tokens = token(fresh, verifier);
        assertEquals(200, tokens.statusCode(), tokens.body());
        assertEquals("http://127.0.0.1:3999", tokens.headers().firstValue("Access-Control-Allow-Origin").orElseThrow(),
                "the desk's page may read the answer");
        assertEquals(400, token(fresh, verifier).statusCode(), "a code is good once");
        JsonNode answer = LocalJson.mapper().readTree(tokens.body());

        var allowed = assertInstanceOf(JwtAuthorizer.Allowed.class, authorizer.check("Bearer " + answer.get("access_token").asText(), DESK_SCOPE));
        assertEquals("moderator", allowed.claims().get("username"));
        assertEquals("[moderators]", allowed.claims().get("cognito:groups"), "a list claim as API Gateway passes it on");
        assertTrue(allowed.claims().get("exp").matches("\\d+"), "a date as epoch seconds");
        assertInstanceOf(JwtAuthorizer.Allowed.class, authorizer.check(answer.get("access_token").asText(), DESK_SCOPE),
                "the token without Bearer, as API Gateway takes it");

        var idToken = assertInstanceOf(JwtAuthorizer.Refused.class, authorizer.check("Bearer " + answer.get("id_token").asText(), DESK_SCOPE));
        assertEquals(403, idToken.status(), "an ID token has no scope: the desk's routes take access tokens only");
    }

    @Test
    void aWrongPasswordOrAnotherAddressGetsNoCode() throws Exception {
        assertEquals(null, code("v-0123456789012345678901234567890123456789012345", signIn.user("editor"), "not-the-password"));
        HttpResponse<String> elsewhere = get(signIn.issuer() + "/oauth2/authorize?response_type=code&client_id=" + LocalSignIn.CLIENT_ID
                + "&redirect_uri=https%3A%2F%2Fevil.example%2F&code_challenge=" + "x".repeat(43) + "&code_challenge_method=S256");
        assertEquals(400, elsewhere.statusCode(), "never sent on to an address the client did not register");
        assertTrue(elsewhere.headers().firstValue("Location").isEmpty());
        HttpResponse<String> noChallenge = get(signIn.issuer() + "/oauth2/authorize?response_type=code&client_id=" + LocalSignIn.CLIENT_ID
                + "&redirect_uri=" + URLEncoder.encode(DESK.toString(), StandardCharsets.UTF_8) + "&state=z");
        assertEquals(DESK + "?error=invalid_request&state=z", noChallenge.headers().firstValue("Location").orElseThrow(),
                "PKCE is required");
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(signIn.issuer().toString()).claim("client_id", LocalSignIn.CLIENT_ID)
                .claim("token_use", "access").claim("scope", LocalSignIn.DESK_SCOPE).claim("username", "moderator")
                .claim("cognito:groups", List.of("moderators")).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    }

    private static String signed(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static void refused(String token, String description) {
        var refused = assertInstanceOf(JwtAuthorizer.Refused.class, authorizer.check("Bearer " + token, DESK_SCOPE), description);
        assertEquals(401, refused.status(), description);
        assertTrue(refused.wwwAuthenticate().contains("error=\"invalid_token\""), refused.wwwAuthenticate());
    }

    @Test
    void refusesAnUnsignedTokenOrOneSignedWithTheKeyAsASecret_J4() throws Exception {
        String unsigned = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Base64URL.encode(claims().build().toString()) + ".";
        refused(unsigned, "alg none");
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signIn.publicKeys().getKeys().get(0).getKeyID()).build(),
                claims().build());
        hmac.sign(new MACSigner(signIn.publicKeys().getKeys().get(0).toRSAKey().toPublicKey().getEncoded()));
        refused(hmac.serialize(), "HS256 with the public key as the secret");
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(signIn.publicKeys().getKeys().get(0).getKeyID()).generate();
        refused(signed(claims().build(), stranger), "another key under the issuer's kid");
        refused(signed(claims().build(), new RSAKeyGenerator(2048).keyID("unknown").generate()), "a kid the issuer never had");
        refused("", "no token");
        refused("not.a.jwt", "not a JWT");
    }

    @Test
    void refusesAnExpiredToken_J5() {
        LocalSignIn.User moderator = signIn.user("moderator");
        refused(signIn.accessToken(moderator, Duration.ofSeconds(-1)), "expired");
        var current = assertInstanceOf(JwtAuthorizer.Allowed.class, authorizer.check(signIn.accessToken(moderator, Duration.ofMinutes(5)), DESK_SCOPE));
        assertEquals("moderator", current.claims().get("username"));
    }

    @Test
    void refusesAnotherAudienceOrIssuer_J6() throws Exception {
        RSAKey key = RSAKey.parse(Files.readString(secrets.resolve("sign-in-key.json")));
        refused(signed(claims().claim("client_id", "another-client").build(), key), "another client");
        refused(signed(claims().audience("another-client").build(), key), "an aud of another client, which wins over client_id");
        refused(signed(claims().issuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other").build(), key), "another issuer");
        refused(signed(claims().notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build(), key), "not valid yet");
        assertInstanceOf(JwtAuthorizer.Allowed.class, authorizer.check(signed(claims().build(), key), DESK_SCOPE), "the same, well made");
    }
}
