package dev.newsroom.comments;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The reader's address, which rate limits count by. Behind CloudFront, API Gateway sees
 * CloudFront's address; the reader's is in {@code CloudFront-Viewer-Address}, trusted only on
 * requests that carry the distribution's origin secret ({@code X-Origin-Verify}), since anyone can
 * call the API directly and set headers.
 */
final class ReaderAddress {

    private final Optional<byte[]> originSecret;

    /** @param originSecret what CloudFront sends with every request it forwards; none locally */
    ReaderAddress(Optional<String> originSecret) {
        this.originSecret = originSecret.map(secret -> secret.getBytes(StandardCharsets.UTF_8));
    }

    String of(ApiRequest event) {
        String viewer = event.header("cloudfront-viewer-address");
        String proof = event.header("x-origin-verify");
        if (viewer != null && proof != null && originSecret.isPresent()
                && MessageDigest.isEqual(originSecret.get(), proof.getBytes(StandardCharsets.UTF_8))) {
            int port = viewer.lastIndexOf(':');
            return port > 0 ? viewer.substring(0, port) : viewer;
        }
        return event.sourceIp();
    }

    /**
     * What one reader holds of the address space, as rate limits and bans count: an IPv4 address,
     * or an IPv6 address's /64, which a home or a phone is given whole and can change addresses in
     * at will.
     */
    static String network(String address) {
        if (!address.contains(":")) {
            return address;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(address).getAddress(); // a literal: no lookup
            return bytes.length == 16 ? java.util.HexFormat.of().formatHex(bytes, 0, 8) + "::/64"
                    : java.net.InetAddress.getByAddress(bytes).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }
}
