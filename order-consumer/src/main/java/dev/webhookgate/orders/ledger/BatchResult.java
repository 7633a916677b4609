package dev.webhookgate.orders.ledger;

/** Counts of one committed batch; {@code redelivered} events were already processed and changed nothing. */
public record BatchResult(int applied, int ignored, int deadLettered, int redelivered) {

    public static final BatchResult NONE = new BatchResult(0, 0, 0, 0);

    public BatchResult plus(BatchResult other) {
        return new BatchResult(applied + other.applied, ignored + other.ignored, deadLettered + other.deadLettered,
                redelivered + other.redelivered);
    }
}
