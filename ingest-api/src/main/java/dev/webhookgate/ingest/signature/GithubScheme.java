package dev.webhookgate.ingest.signature;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}. */
public final class GithubScheme implements SignatureScheme {

    static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";

    @Override
    public void verify(SignedRequest request, List<String> secrets, Instant now) {
        String header = request.headers().first(HEADER)
                .orElseThrow(() -> new InvalidSignatureException("The " + HEADER + " header is missing."));
        if (!header.startsWith(PREFIX)) {
            throw new InvalidSignatureException(HEADER + " must start with sha256=.");
        }
        BodyMac.requireAny(Hmac.SHA256, secrets, request.body(), Hmac.hex(header.substring(PREFIX.length())),
                "The " + HEADER + " signature does not match the body with any configured GitHub secret.");
    }

    public static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(Hmac.sign(Hmac.SHA256, Hmac.utf8(secret), body));
    }
}
