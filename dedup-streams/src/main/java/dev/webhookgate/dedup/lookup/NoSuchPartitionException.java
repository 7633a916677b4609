package dev.webhookgate.dedup.lookup;

/** A read named a partition the inbound topic does not have. */
public final class NoSuchPartitionException extends RuntimeException {
    public NoSuchPartitionException(String message) {
        super(message);
    }
}
