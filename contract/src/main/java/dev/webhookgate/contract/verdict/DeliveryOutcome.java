package dev.webhookgate.contract.verdict;

/**
 * What a delivery is, measured against its key's first delivery. dedup-streams decides it when the record
 * passes (its outcome routes the record to unique or duplicates), and the ingest reads a verdict with it
 * to answer (docs/api.md, Answers); both use this one rule, so the answer and the routing cannot disagree.
 * No verdict at all is neither: the ingest answers 202 queued.
 */
public enum DeliveryOutcome {
    /** The key's first delivery itself: the ingest answers 200 {@code accepted}. */
    FIRST,
    /** Same body as the first: a retry, answered 200 with the first ack byte for byte and {@code Idempotent-Replayed}. */
    DUPLICATE,
    /** Another body under the same key: 422 {@code idempotency_key_reused}. */
    CONFLICT;

    /** A delivery other than the first: only the body decides. */
    public static DeliveryOutcome ofLater(String firstFingerprint, String fingerprint) {
        return firstFingerprint.equals(fingerprint) ? DUPLICATE : CONFLICT;
    }

    /**
     * A published delivery against the first delivery its verdict names: event ids are unique per delivery,
     * so an equal one means this very record was the first.
     */
    public static DeliveryOutcome of(String firstEventId, String firstFingerprint, String eventId, String fingerprint) {
        return firstEventId.equals(eventId) ? FIRST : ofLater(firstFingerprint, fingerprint);
    }
}
