package dev.webhookgate.contract;

import java.util.Objects;
import java.util.regex.Pattern;

/** The Kafka key {@code <provider>:<idempotency-key>} that partitions inbound, commands and unique alike. */
public record DedupKey(Provider provider, String idempotencyKey) {

    /** The contract's key format; the provider prefix keeps one sender's ids from colliding with another's. */
    public static final Pattern KEY_FORMAT = Pattern.compile("^[A-Za-z0-9_-]{1,255}$");

    public DedupKey {
        Objects.requireNonNull(provider, "provider");
        if (idempotencyKey == null || !KEY_FORMAT.matcher(idempotencyKey).matches()) {
            throw new IllegalArgumentException("Invalid idempotency key format: " + idempotencyKey);
        }
    }

    public static boolean isValidKey(String key) {
        return key != null && KEY_FORMAT.matcher(key).matches();
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
