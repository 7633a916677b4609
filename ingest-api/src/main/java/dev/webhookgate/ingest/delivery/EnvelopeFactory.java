package dev.webhookgate.ingest.delivery;

import dev.webhookgate.contract.Fingerprint;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.WebhookEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns an accepted request into the envelope of docs/api.md: a fresh event id, the arrival time, the body as sent. */
public final class EnvelopeFactory {

    /**
     * Ids and event types only: consumers route on these (x-shopify-topic, x-github-event); signatures and
     * secrets never leave the ingest.
     */
    private static final Map<Provider, List<String>> KEPT_HEADERS = Map.of(
            Provider.WHATSAPP, List.of("I-Twilio-Idempotency-Token"),
            Provider.STRIPE, List.of(),
            Provider.GITHUB, List.of("X-GitHub-Event", "X-GitHub-Delivery", "X-GitHub-Hook-ID"),
            Provider.SHOPIFY, List.of("X-Shopify-Topic", "X-Shopify-Webhook-Id", "X-Shopify-Shop-Domain", "X-Shopify-Event-Id",
                    "X-Shopify-API-Version"),
            Provider.STANDARD, List.of("webhook-id", "webhook-timestamp"),
            Provider.CUSTOM, List.of("webhook-id", "webhook-timestamp"));

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
                headers.lowerCased(KEPT_HEADERS.get(provider)),
                new String(body, StandardCharsets.UTF_8));
    }
}
