package dev.webhookgate.dedup.lookup;

/** The store had not processed the asked offset when the wait ran out; the verdict is not known yet. */
public final class PositionNotReachedException extends RuntimeException {
    public PositionNotReachedException(String message) {
        super(message);
    }
}
