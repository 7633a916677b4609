package dev.webhookgate.dedup.topology;

import static dev.webhookgate.dedup.Deliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.WebhookEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class InboundDeliveryTest {

    @Test
    void readsTheDecidingFieldsPastNestedHeadersAndKeepsTheBytes() {
        WebhookEnvelope envelope = delivery(Provider.GITHUB, "d-1", "{\"nested\":{\"event_id\":\"decoy\"}}",
                Instant.parse("2026-11-28T10:15:30.123Z"));
        byte[] raw = ContractJson.envelope(envelope);

        InboundDelivery parsed = InboundDelivery.parse(raw);

        assertThat(parsed.eventId()).isEqualTo(envelope.eventId());
        assertThat(parsed.provider()).isEqualTo(Provider.GITHUB);
        assertThat(parsed.kafkaKey()).isEqualTo("github:d-1");
        assertThat(parsed.receivedAt()).isEqualTo(envelope.receivedAt());
        assertThat(parsed.fingerprint()).isEqualTo(envelope.fingerprint());
        assertThat(parsed.raw()).isSameAs(raw);
    }

    @Test
    void recordThatIsNotAnEnvelopeIsASerializationError() {
        assertThatThrownBy(() -> InboundDelivery.parse("{\"event_id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("lacks");
        assertThatThrownBy(() -> InboundDelivery.parse("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }
}
