package dev.webhookgate.orders.mapping;

/** An event that can never be applied, however often it is retried; the message is the dead letter's error. */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
