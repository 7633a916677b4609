package dev.webhookgate.dedup;

import dev.webhookgate.contract.Fingerprint;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.WebhookEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Envelopes as the ingest would publish them: a fresh event id per delivery, the body's real fingerprint. */
public final class Deliveries {

    private Deliveries() {
    }

    public static WebhookEnvelope delivery(Provider provider, String key, String body, Instant receivedAt) {
        return new WebhookEnvelope(UUID.randomUUID().toString(), provider, key, receivedAt,
                Fingerprint.of(body.getBytes(StandardCharsets.UTF_8)), "application/json", Map.of(), body);
    }
}
