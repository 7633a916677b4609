package dev.webhookgate.orders.mapping;

import java.util.Objects;

/** One line of an order; {@code unitPrice} is in minor units, null when the channel carries no price (WhatsApp). */
public record OrderLine(String sku, int quantity, Long unitPrice) {
    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
    }
}
