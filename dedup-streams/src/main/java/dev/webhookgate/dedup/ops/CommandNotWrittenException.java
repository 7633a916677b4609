package dev.webhookgate.dedup.ops;

/** Kafka did not take a forget command (or did not say where it would go); nothing was forgotten. */
public final class CommandNotWrittenException extends RuntimeException {
    public CommandNotWrittenException(String message) {
        super(message);
    }
}
