package dev.webhookgate.contract;

import java.util.Objects;
import java.util.regex.Pattern;

/** The Kafka key {@code <provider>:<idempotency-key>} that partitions inbound, commands and unique alike. */
public record DedupKey(Provider provider, String idempotencyKey) {

    /** The key format of docs/api.md; the provider prefix keeps one sender's ids from colliding with another's. */
    public static final Pattern KEY_FORMAT = Pattern.compile("^[A-Za-z0-9_-]{1,255}$");
    private static final int MAX_KEY_LENGTH = 255;

    public DedupKey {
        Objects.requireNonNull(provider, "provider");
        if (!isValidKey(idempotencyKey)) {
            throw new IllegalArgumentException("Invalid idempotency key format: " + idempotencyKey);
        }
    }

    /** Exactly {@link #KEY_FORMAT}, as a loop: it runs for every delivery and every verdict, where the regex showed in profiles. */
    public static boolean isValidKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    public static DedupKey parse(String kafkaKey) {
        int colon = kafkaKey == null ? -1 : kafkaKey.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a <provider>:<key> record key: " + kafkaKey);
        }
        Provider provider = Provider.fromId(kafkaKey.substring(0, colon))
                .orElseThrow(() -> new IllegalArgumentException("unknown provider in record key: " + kafkaKey));
        return new DedupKey(provider, kafkaKey.substring(colon + 1));
    }

    public String kafkaKey() {
        return provider.id() + ":" + idempotencyKey;
    }

    @Override
    public String toString() {
        return kafkaKey();
    }
}
