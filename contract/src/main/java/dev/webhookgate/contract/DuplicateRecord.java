package dev.webhookgate.contract;

import java.util.Objects;

/** Audit record on the duplicates topic: the dropped delivery, why, and which event it repeated. */
public record DuplicateRecord(WebhookEnvelope envelope, Verdict verdict, String originalEventId) {
    public DuplicateRecord {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(originalEventId, "originalEventId");
    }
}
