package dev.webhookgate.orders.ledger;

/** Counts of one committed batch; {@code redelivered} events were already processed and changed nothing. */
public record BatchResult(int applied, int ignored, int deadLettered, int redelivered) {
}
