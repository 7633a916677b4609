package dev.webhookgate.ingest.delivery;

import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.http.ApiException;
import dev.webhookgate.ingest.IngestConfig;
import dev.webhookgate.ingest.signature.SignatureCheck;
import dev.webhookgate.ingest.signature.SignedRequest;
import java.time.Clock;
import java.util.Optional;

/**
 * The checks after size, in docs/api.md's order: signature (401), payload (400), key (400). Whatever
 * passes becomes an envelope; whatever fails is an {@link ApiException} and never reaches Kafka.
 */
public final class DeliveryChecks {

    private final boolean idempotencyEnabled;
    private final SignatureCheck signatures;
    private final PayloadParser payloads = new PayloadParser();
    private final KeyResolver keys;
    private final EnvelopeFactory envelopes;

    public DeliveryChecks(IngestConfig config, Clock clock) {
        this.idempotencyEnabled = config.idempotency().enabled();
        this.signatures = new SignatureCheck(config, clock);
        this.keys = new KeyResolver(config.idempotency());
        this.envelopes = new EnvelopeFactory(clock);
    }

    /** @param signedUrl the URL as the provider called it, query included (Twilio signs it) */
    public WebhookEnvelope accept(Provider provider, byte[] body, String contentType, RequestHeaders headers, String signedUrl) {
        signatures.verify(provider, new SignedRequest(headers, body, contentType, signedUrl));
        Payload payload = payloads.parse(provider, body, contentType);
        Optional<String> key = idempotencyEnabled
                ? Optional.of(keys.resolve(provider, headers, payload))
                : keys.find(provider, headers, payload);
        return envelopes.create(provider, key, body, contentType, headers);
    }
}
