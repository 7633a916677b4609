package dev.webhookgate.ingest.verdict;

/** What dedup-streams said about a published record. */
public sealed interface VerdictAnswer {

    /** The key's stored first delivery, as of a store that has processed the asked-for offset. */
    record FirstDelivery(String eventId, String receivedAt, String fingerprint) implements VerdictAnswer {
    }

    /** No verdict in time (dedup-streams away, restoring, behind): the record is durable, the answer is 202. */
    record Unknown(String reason) implements VerdictAnswer {
    }
}
