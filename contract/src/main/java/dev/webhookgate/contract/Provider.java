package dev.webhookgate.contract;

import java.util.Locale;
import java.util.Optional;

/** The webhook senders the gateway understands; {@link #id()} is the path segment and the key prefix. */
public enum Provider {
    WHATSAPP,
    STRIPE,
    GITHUB,
    SHOPIFY,
    STANDARD,
    CUSTOM;

    private static final Provider[] ALL = values();

    private final String id = name().toLowerCase(Locale.ROOT);

    public String id() {
        return id;
    }

    /** Runs for every inbound record on the stream thread, hence a plain loop. */
    public static Optional<Provider> fromId(String id) {
        for (Provider provider : ALL) {
            if (provider.id.equals(id)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id();
    }
}
