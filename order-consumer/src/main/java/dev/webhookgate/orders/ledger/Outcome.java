package dev.webhookgate.orders.ledger;

import java.util.Locale;

/** What became of an event, as the processed-events row and the read API spell it. */
public enum Outcome {
    APPLIED,
    IGNORED,
    DEAD_LETTERED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
