package dev.webhookgate.ingest.delivery;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code application/x-www-form-urlencoded}, decoded by hand so the raw bytes stay ours to sign and to publish. */
public final class FormBody {

    private FormBody() {
    }

    public static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** @throws IllegalArgumentException on a malformed percent escape or escapes that do not decode to UTF-8 */
    public static Map<String, List<String>> parse(byte[] body) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return params;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String text) {
        // URLDecoder turns bytes that are not UTF-8 into U+FFFD silently; decoded by hand they are refused
        String latin1 = URLDecoder.decode(text, StandardCharsets.ISO_8859_1);
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        if (!StrictUtf8.isValid(bytes)) {
            throw new IllegalArgumentException("a percent-encoded value is not UTF-8");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
