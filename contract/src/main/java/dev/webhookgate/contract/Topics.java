package dev.webhookgate.contract;

import java.util.List;
import java.util.Objects;

/**
 * The five topics of the product, named {@code <prefix>.<role>}. Services take names from here and
 * never spell a topic as a string of their own.
 */
public record Topics(String prefix) {

    public static final String DEFAULT_PREFIX = "webhooks";

    public Topics {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank()) {
            throw new IllegalArgumentException("topic prefix must not be blank");
        }
    }

    public static Topics defaults() {
        return new Topics(DEFAULT_PREFIX);
    }

    public String inbound() {
        return prefix + ".inbound";
    }

    public String unique() {
        return prefix + ".unique";
    }

    public String duplicates() {
        return prefix + ".duplicates";
    }

    public String commands() {
        return prefix + ".commands";
    }

    public String dlq() {
        return prefix + ".dlq";
    }

    public List<String> all() {
        return List.of(inbound(), unique(), duplicates(), commands(), dlq());
    }
}
