package dev.webhookgate.ingest.signature;

import java.util.List;
import java.util.Optional;

/** The plain "HMAC of the raw body" check that GitHub and Shopify share, differing only in encoding. */
final class BodyMac {

    private BodyMac() {
    }

    static void requireAny(String algorithm, List<String> secrets, byte[] body, Optional<byte[]> given, String failure) {
        for (String secret : secrets) {
            if (Hmac.matches(Hmac.sign(algorithm, Hmac.utf8(secret), body), given)) {
                return;
            }
        }
        throw new InvalidSignatureException(failure);
    }
}
