package dev.webhookgate.ingest.signature;

import dev.webhookgate.ingest.delivery.FormBody;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code X-Twilio-Signature}: base64 HMAC-SHA1 of the full URL followed by every form parameter as
 * name+value, sorted by name. JSON bodies are signed through the URL alone, which then carries
 * {@code bodySHA256=<hex sha256 of the body>}.
 */
public final class TwilioScheme implements SignatureScheme {

    static final String HEADER = "X-Twilio-Signature";
    private static final String BODY_HASH_PARAM = "bodySHA256";

    @Override
    public void verify(SignedRequest request, List<String> secrets, Instant now) {
        String header = request.headers().first(HEADER)
                .orElseThrow(() -> new InvalidSignatureException("The " + HEADER + " header is missing."));
        Optional<String> bodyHash = queryParam(request.url(), BODY_HASH_PARAM);
        String signed;
        if (bodyHash.isPresent()) {
            byte[] actual = sha256(request.body());
            if (!Hmac.matches(actual, Hmac.hex(bodyHash.get()))) {
                throw new InvalidSignatureException("The bodySHA256 query parameter does not match the body.");
            }
            signed = request.url();
        } else {
            signed = dataToSign(request.url(), formParams(request));
        }
        byte[] data = Hmac.utf8(signed);
        for (String token : secrets) {
            if (Hmac.matches(Hmac.sign(Hmac.SHA1, Hmac.utf8(token), data), Hmac.base64(header))) {
                return;
            }
        }
        throw new InvalidSignatureException("The " + HEADER + " signature does not match this URL and body with any configured "
                + "Twilio auth token; check that PUBLIC_BASE_URL is the URL Twilio calls.");
    }

    public static String sign(String token, String url, Map<String, List<String>> params) {
        return Base64.getEncoder().encodeToString(Hmac.sign(Hmac.SHA1, Hmac.utf8(token), Hmac.utf8(dataToSign(url, params))));
    }

    public static String signJson(String token, String urlWithBodyHash) {
        return Base64.getEncoder().encodeToString(Hmac.sign(Hmac.SHA1, Hmac.utf8(token), Hmac.utf8(urlWithBodyHash)));
    }

    public static String bodyHash(byte[] body) {
        return HexFormat.of().formatHex(sha256(body));
    }

    static String dataToSign(String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        params.keySet().stream().sorted().forEach(name -> {
            // Twilio's own validators sort repeated values too
            List<String> values = new ArrayList<>(params.get(name));
            values.sort(null);
            values.forEach(value -> data.append(name).append(value));
        });
        return data.toString();
    }

    private static Map<String, List<String>> formParams(SignedRequest request) {
        if (!FormBody.isForm(request.contentType())) {
            return Map.of();
        }
        try {
            return FormBody.parse(request.body());
        } catch (IllegalArgumentException e) {
            throw new InvalidSignatureException("The form body cannot be decoded, so its " + HEADER + " cannot be checked.");
        }
    }

    private static Optional<String> queryParam(String url, String name) {
        String query;
        try {
            query = URI.create(url).getRawQuery();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (query == null) {
            return Optional.empty();
        }
        List<String> values = FormBody.parse(Hmac.utf8(query)).get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
