package dev.webhookgate.ingest.signature;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC and the decoding of the signatures providers send, compared in constant time. */
final class Hmac {

    static final String SHA256 = "HmacSHA256";
    static final String SHA1 = "HmacSHA1";

    private Hmac() {
    }

    static byte[] sign(String algorithm, byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM has " + algorithm + " and takes any key length", e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time: a timing difference would let a caller guess a valid signature byte by byte. */
    static boolean matches(byte[] expected, Optional<byte[]> given) {
        return given.isPresent() && MessageDigest.isEqual(expected, given.get());
    }

    static Optional<byte[]> hex(String text) {
        try {
            return Optional.of(HexFormat.of().parseHex(text.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<byte[]> base64(String text) {
        try {
            return Optional.of(Base64.getDecoder().decode(text.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
