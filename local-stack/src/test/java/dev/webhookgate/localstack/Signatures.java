package dev.webhookgate.localstack;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Providers' signatures computed the way the providers do, for requests a test must get past (or nearly past) the checks. */
final class Signatures {

    private Signatures() {
    }

    static String stripe(String secret, long timestamp, String body) throws Exception {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), timestamp + "." + body));
    }

    static String standard(String whsec, String id, long timestamp, String body) throws Exception {
        byte[] key = Base64.getDecoder().decode(whsec.substring("whsec_".length()));
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, id + "." + timestamp + "." + body));
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
