package dev.webhookgate.ingest.signature;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** {@code X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>}. */
public final class ShopifyScheme implements SignatureScheme {

    static final String HEADER = "X-Shopify-Hmac-Sha256";

    @Override
    public void verify(SignedRequest request, List<String> secrets, Instant now) {
        String header = request.headers().first(HEADER)
                .orElseThrow(() -> new InvalidSignatureException("The " + HEADER + " header is missing."));
        BodyMac.requireAny(Hmac.SHA256, secrets, request.body(), Hmac.base64(header),
                "The " + HEADER + " signature does not match the body with any configured Shopify secret.");
    }

    public static String sign(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(Hmac.sign(Hmac.SHA256, Hmac.utf8(secret), body));
    }
}
