package dev.webhookgate.orders.ledger;

/**
 * The database answered and said no (a data exception or a constraint, SQLState class 22 or 23): retrying
 * the same rows can never succeed, unlike an outage. Nothing of the batch was committed.
 */
public class LedgerRefusedException extends RuntimeException {
    public LedgerRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
