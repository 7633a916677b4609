package dev.webhookgate.contract;

import java.time.Instant;
import java.util.Objects;

/** What the order consumer could not process, with the reason as a sentence. */
public record DeadLetter(WebhookEnvelope envelope, String error, Instant failedAt) {
    public DeadLetter {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(error, "error");
        failedAt = UtcMillis.truncate(Objects.requireNonNull(failedAt, "failedAt"));
    }
}
