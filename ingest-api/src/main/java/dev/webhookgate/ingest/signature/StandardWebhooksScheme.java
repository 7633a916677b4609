package dev.webhookgate.ingest.signature;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Standard Webhooks: {@code webhook-signature: v1,<base64> [v1,<base64> ...]} over {@code id.timestamp.body}
 * with the base64 secret after its {@code whsec_} prefix; timestamps outside 300 s are refused.
 */
public final class StandardWebhooksScheme implements SignatureScheme {

    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";
    private static final String SECRET_PREFIX = "whsec_";

    @Override
    public void verify(SignedRequest request, List<String> secrets, Instant now) {
        String id = require(request, ID);
        String timestamp = require(request, TIMESTAMP);
        String signatures = require(request, SIGNATURE);
        Timestamps.requireFresh(Timestamps.parseSeconds(timestamp, TIMESTAMP), now, TIMESTAMP);
        byte[] prefix = Hmac.utf8(id + "." + timestamp + ".");
        for (String secret : secrets) {
            byte[] expected = Hmac.sign(Hmac.SHA256, decodeSecret(secret), prefix, request.body());
            for (String entry : signatures.trim().split(" +")) {
                // other versions (v1a: asymmetric) are skipped, as the spec says, not failed on
                if (entry.startsWith("v1,") && Hmac.matches(expected, Hmac.base64(entry.substring(3)))) {
                    return;
                }
            }
        }
        throw new InvalidSignatureException("No v1 signature in " + SIGNATURE + " matches with any configured secret.");
    }

    @Override
    public Optional<String> secretProblem(String secret) {
        try {
            decodeSecret(secret);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("must hold base64 secrets such as whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw; one of them is not base64");
        }
    }

    static byte[] decodeSecret(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    public static String sign(String secret, String id, long epochSeconds, byte[] body) {
        byte[] mac = Hmac.sign(Hmac.SHA256, decodeSecret(secret), Hmac.utf8(id + "." + epochSeconds + "."), body);
        return "v1," + Base64.getEncoder().encodeToString(mac);
    }

    private static String require(SignedRequest request, String header) {
        Optional<String> value = request.headers().first(header);
        return value.orElseThrow(() -> new InvalidSignatureException("The " + header + " header is missing."));
    }
}
