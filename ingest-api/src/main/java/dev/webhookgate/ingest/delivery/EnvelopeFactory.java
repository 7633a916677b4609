package dev.webhookgate.ingest.delivery;

import dev.webhookgate.contract.Fingerprint;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.ProviderProfile;
import dev.webhookgate.contract.WebhookEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/** Turns an accepted request into the envelope of docs/api.md: a fresh event id, the arrival time, the body as sent. */
public final class EnvelopeFactory {

    private final Clock clock;
    private final UuidV7 ids = new UuidV7();

    public EnvelopeFactory(Clock clock) {
        this.clock = clock;
    }

    /** @param key empty only with idempotency off: then the event id keys the record, so each delivery stands alone */
    public WebhookEnvelope create(Provider provider, Optional<String> key, byte[] body, String contentType, RequestHeaders headers) {
        var receivedAt = clock.instant();
        String eventId = ids.next(receivedAt).toString();
        return new WebhookEnvelope(
                eventId,
                provider,
                key.orElse(eventId),
                receivedAt,
                Fingerprint.of(body),
                contentType,
                // ids and event types only (consumers route on them); signatures and secrets never leave the ingest
                headers.lowerCased(ProviderProfile.of(provider).keptHeaders()),
                new String(body, StandardCharsets.UTF_8));
    }
}
