package dev.webhookgate.orders.consume;

/** The dead-letter topic did not acknowledge; the batch is retried, since no outcome row may precede its letter. */
public class DeadLetterUnavailableException extends RuntimeException {
    public DeadLetterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
