package dev.webhookgate.orders.ledger;

/** The database did not take a batch; nothing of it was committed, so the whole batch can be retried. */
public class LedgerUnavailableException extends RuntimeException {
    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
