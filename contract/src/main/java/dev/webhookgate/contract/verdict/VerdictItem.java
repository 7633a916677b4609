package dev.webhookgate.contract.verdict;

/** One query's answer in a verdict response, in query order. */
public sealed interface VerdictItem {

    /** Status 200: the key's stored first delivery, as of a store that has processed the asked-for offset. */
    record Found(String provider, String idempotencyKey, String eventId, String receivedAt, String fingerprint,
                 int partition, long offset) implements VerdictItem {
    }

    /** No verdict for this item: the status and error code the single item would have as an HTTP answer. */
    record Failed(int status, String error, String message) implements VerdictItem {
    }
}
