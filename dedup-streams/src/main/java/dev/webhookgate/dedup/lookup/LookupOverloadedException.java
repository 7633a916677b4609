package dev.webhookgate.dedup.lookup;

/** Too many reads are already waiting (for the store or for other instances); refused at once rather than queued. */
public final class LookupOverloadedException extends RuntimeException {
    public LookupOverloadedException(String message) {
        super(message);
    }

    /** More verdicts wait for the store than this instance holds open (the store is far behind). */
    static LookupOverloadedException verdictsWaiting() {
        return new LookupOverloadedException("Too many verdicts are waiting for the dedup store.");
    }
}
