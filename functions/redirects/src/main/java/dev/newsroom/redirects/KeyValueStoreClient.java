package dev.newsroom.redirects;

import dev.newsroom.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4aHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.RegionSet;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * The two calls of CloudFront's KeyValueStore API this function needs, DescribeKeyValueStore (for
 * the store's ETag) and UpdateKeys, signed with SigV4a as the API requires, through the SDK's
 * signer and HTTP client. The store's own endpoint is its account's
 * ({@code https://ACCOUNT.cloudfront-kvs.global.api.aws}) unless one is given, as locally.
 */
final class KeyValueStoreClient {

    static final String SIGNING_NAME = "cloudfront-keyvaluestore";
    /** UpdateKeys takes at most this many puts and deletes together. */
    static final int MAX_KEYS_PER_UPDATE = 50;

    /** The store changed between reading its ETag and writing: read it again and retry. */
    static final class ConflictException extends RuntimeException {
        ConflictException(String message) {
            super(message);
        }
    }

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final AwsV4aHttpSigner signer = AwsV4aHttpSigner.create();
    private final String arn;
    private final URI storeUri;

    KeyValueStoreClient(SdkHttpClient http, AwsCredentialsProvider credentials, String arn, URI endpoint) {
        this.http = http;
        this.credentials = credentials;
        this.arn = arn;
        this.storeUri = URI.create(endpoint.toString().replaceAll("/$", "") + "/key-value-stores/"
                + URLEncoder.encode(arn, StandardCharsets.UTF_8));
    }

    /** The API's endpoint for a store: its account's. */
    static URI endpointOf(String arn) {
        String[] parts = arn.split(":");
        if (parts.length < 6 || !parts[2].equals("cloudfront") || parts[4].isEmpty()) {
            throw new IllegalArgumentException("not a key value store's ARN: " + arn);
        }
        return URI.create("https://" + parts[4] + ".cloudfront-kvs.global.api.aws");
    }

    /** The store's current version, which an update must name. */
    String eTag() {
        return call(SdkHttpMethod.GET, storeUri, null, null);
    }

    /**
     * Puts and deletes keys in one all-or-nothing UpdateKeys over version {@code eTag}; returns the
     * store's new version.
     */
    String update(String eTag, Map<String, String> puts, List<String> deletes) {
        if (puts.size() + deletes.size() > MAX_KEYS_PER_UPDATE) {
            throw new IllegalArgumentException("at most " + MAX_KEYS_PER_UPDATE + " keys per update");
        }
        Map<String, Object> body = Map.of(
                "Puts", puts.entrySet().stream().map(e -> Map.of("Key", e.getKey(), "Value", e.getValue())).toList(),
                "Deletes", deletes.stream().map(key -> Map.of("Key", key)).toList());
        return call(SdkHttpMethod.POST, URI.create(storeUri + "/keys"), eTag, Json.writeUtf8(body));
    }

    /** Sends a signed call, with a body unless it is null; returns the store's version after it (the answer's ETag). */
    private String call(SdkHttpMethod method, URI uri, String ifMatch, byte[] body) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(method).uri(uri)
                .putHeader("Content-Type", "application/json");
        if (ifMatch != null) {
            request.putHeader("If-Match", ifMatch);
        }
        // A GET has no body at all: URLConnection would turn a GET with one into a POST.
        ContentStreamProvider payload = body == null ? null : ContentStreamProvider.fromByteArray(body);
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials()).request(request.build())
                .payload(payload)
                .putProperty(AwsV4aHttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4aHttpSigner.REGION_SET, RegionSet.create("*")));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            int status = response.httpResponse().statusCode();
            String answer = text(response);
            if (status == 409) {
                throw new ConflictException(answer);
            }
            if (status / 100 != 2) {
                throw new IllegalStateException(method + " " + uri.getPath() + " answered " + status + ": " + answer);
            }
            return response.httpResponse().firstMatchingHeader("ETag")
                    .orElseThrow(() -> new IllegalStateException(method + " " + uri.getPath() + " answered without an ETag"));
        } catch (IOException e) {
            throw new UncheckedIOException("the key value store " + arn + " could not be reached", e);
        }
    }

    /** Reads the answer's body whole, so the connection can be used again. */
    private static String text(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return "";
        }
        try (InputStream in = response.responseBody().get()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
