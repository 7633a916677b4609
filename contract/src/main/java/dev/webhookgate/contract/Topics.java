package dev.webhookgate.contract;

import java.util.List;
import java.util.Objects;

/**
 * The five topics of the product, named {@code <prefix>.<role>}. Services take names from here and
 * never spell a topic as a string of their own.
 */
public record Topics(String prefix) {

    public static final String DEFAULT_PREFIX = "webhooks";

    /**
     * Every topic's {@code max.message.bytes}, and every producer's {@code max.request.size}: a 512 KiB body
     * can more than double once escaped into the JSON envelope; 4 MiB leaves room for the duplicates and DLQ
     * records that add fields to it.
     */
    public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    public Topics {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank()) {
            throw new IllegalArgumentException("topic prefix must not be blank");
        }
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
