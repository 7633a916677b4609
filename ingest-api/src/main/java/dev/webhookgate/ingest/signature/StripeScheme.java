package dev.webhookgate.ingest.signature;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code Stripe-Signature: t=<unix>,v1=<hex>[,v1=...]}: HMAC-SHA256 of {@code t.body}; several v1 during a secret roll. */
public final class StripeScheme implements SignatureScheme {

    static final String HEADER = "Stripe-Signature";

    @Override
    public void verify(SignedRequest request, List<String> secrets, Instant now) {
        String header = request.headers().first(HEADER)
                .orElseThrow(() -> new InvalidSignatureException("The " + HEADER + " header is missing."));
        String timestamp = null;
        List<String> v1 = new ArrayList<>();
        for (String item : header.split(",")) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            if (name.equals("t")) {
                timestamp = value;
            } else if (name.equals("v1")) {
                v1.add(value);
            }
        }
        if (timestamp == null || v1.isEmpty()) {
            throw new InvalidSignatureException(HEADER + " must hold t=<timestamp> and at least one v1=<signature>.");
        }
        Timestamps.requireFresh(Timestamps.parseSeconds(timestamp, HEADER), now, HEADER);
        byte[] prefix = Hmac.utf8(timestamp + ".");
        for (String secret : secrets) {
            byte[] expected = Hmac.sign(Hmac.SHA256, Hmac.utf8(secret), prefix, request.body());
            for (String candidate : v1) {
                if (Hmac.matches(expected, Hmac.hex(candidate))) {
                    return;
                }
            }
        }
        throw new InvalidSignatureException("No v1 signature in " + HEADER + " matches the body with any configured Stripe secret.");
    }

    /** The header Stripe would send; for tests and the benchmark's load generator. */
    public static String sign(String secret, long epochSeconds, byte[] body) {
        byte[] mac = Hmac.sign(Hmac.SHA256, Hmac.utf8(secret), Hmac.utf8(epochSeconds + "."), body);
        return "t=" + epochSeconds + ",v1=" + java.util.HexFormat.of().formatHex(mac);
    }
}
