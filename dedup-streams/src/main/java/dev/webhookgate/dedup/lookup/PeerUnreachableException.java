package dev.webhookgate.dedup.lookup;

/** The instance that owns a partition did not answer, or answered that it could not. */
public final class PeerUnreachableException extends RuntimeException {
    public PeerUnreachableException(String message) {
        super(message);
    }
}
