package dev.webhookgate.dedup.topology;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.UtcMillis;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * An inbound envelope as the dedup step needs it: the few fields a decision reads, plus the record's
 * bytes untouched. The body and headers are skipped by a streaming parse, and a first delivery goes to
 * unique as the very bytes the ingest wrote, so the hot path never builds or re-renders the envelope.
 */
public record InboundDelivery(String eventId, Provider provider, String idempotencyKey, Instant receivedAt, String fingerprint,
                              byte[] raw) {

    /** Reads an inbound record; a record that is not an envelope is a {@link SerializationException}. */
    public static final class Reader implements Deserializer<InboundDelivery> {
        @Override
        public InboundDelivery deserialize(String topic, byte[] data) {
            return data == null ? null : parse(data);
        }
    }

    public static InboundDelivery parse(byte[] raw) {
        String eventId = null;
        String provider = null;
        String key = null;
        String receivedAt = null;
        String fingerprint = null;
        try (JsonParser parser = ContractJson.MAPPER.getFactory().createParser(raw)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new SerializationException("inbound record is not a JSON object");
            }
            // The five fields come first in the envelope the ingest writes: stop there rather than scan the body.
            while ((eventId == null || provider == null || key == null || receivedAt == null || fingerprint == null)
                    && parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "event_id" -> eventId = parser.getValueAsString();
                    case "provider" -> provider = parser.getValueAsString();
                    case "idempotency_key" -> key = parser.getValueAsString();
                    case "received_at" -> receivedAt = parser.getValueAsString();
                    case "fingerprint" -> fingerprint = parser.getValueAsString();
                    default -> {
                        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                            parser.skipChildren();
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new SerializationException("inbound record is not JSON: " + e.getMessage(), e);
        }
        if (eventId == null || provider == null || key == null || receivedAt == null || fingerprint == null) {
            throw new SerializationException("inbound record lacks one of event_id, provider, idempotency_key, received_at, fingerprint");
        }
        String providerId = provider;
        Provider known = Provider.fromId(providerId)
                .orElseThrow(() -> new SerializationException("inbound record names unknown provider " + providerId));
        try {
            return new InboundDelivery(eventId, known, key, UtcMillis.parse(receivedAt), fingerprint, raw);
        } catch (DateTimeParseException e) {
            throw new SerializationException("inbound record has an unreadable received_at: " + receivedAt, e);
        }
    }

    public String kafkaKey() {
        return provider.id() + ":" + idempotencyKey;
    }
}
