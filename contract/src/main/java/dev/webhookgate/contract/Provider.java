package dev.webhookgate.contract;

import java.util.Arrays;
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

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Provider> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id();
    }
}
