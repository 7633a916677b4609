package dev.webhookgate.dedup.lookup;

/** The key store cannot be asked on this instance right now (starting, rebalancing, restoring, shutting down); asking again shortly may succeed. */
public final class StoreNotReadyException extends RuntimeException {
    public StoreNotReadyException(String message) {
        super(message);
    }
}
