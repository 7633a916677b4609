package dev.webhookgate.contract;

import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One delivery as the ingest accepted it. The body is kept as the provider sent it, so that any later
 * reader can verify or re-parse it; headers hold only ids and event types, never signatures, under
 * lower-cased names in a stable order so that equal deliveries serialize to equal bytes.
 */
public record WebhookEnvelope(
        String eventId,
        Provider provider,
        String idempotencyKey,
        Instant receivedAt,
        String fingerprint,
        String contentType,
        Map<String, String> headers,
        String body) {

    public WebhookEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        receivedAt = UtcMillis.truncate(Objects.requireNonNull(receivedAt, "receivedAt"));
        Objects.requireNonNull(fingerprint, "fingerprint");
        contentType = contentType == null ? "" : contentType;
        TreeMap<String, String> lowerCased = new TreeMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> lowerCased.put(name.toLowerCase(Locale.ROOT), value));
        }
        headers = Collections.unmodifiableMap(lowerCased);
        body = body == null ? "" : body;
    }

    public DedupKey key() {
        return new DedupKey(provider, idempotencyKey);
    }

    /** Header lookup by lower-cased name, as the envelope stores them. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
