package dev.webhookgate.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ContractJsonTest {

    private static final WebhookEnvelope ENVELOPE = new WebhookEnvelope(
            "0193a5b2-7c1e-7000-8000-000000000001", Provider.GITHUB, "delivery-1",
            Instant.parse("2026-11-28T10:15:30.123456Z"), Fingerprint.of("{}".getBytes(StandardCharsets.UTF_8)),
            "application/json", Map.of("X-GitHub-Event", "push"), "{\"a\":\"é\\n\"}");

    @Test
    void envelopeIsOneFlatObjectInContractOrderWithMillisecondTime() {
        String json = new String(ContractJson.envelope(ENVELOPE), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"event_id\":\"0193a5b2-7c1e-7000-8000-000000000001\",\"provider\":\"github\","
                + "\"idempotency_key\":\"delivery-1\",\"received_at\":\"2026-11-28T10:15:30.123Z\",\"fingerprint\":\"sha256:");
        assertThat(json).contains("\"headers\":{\"x-github-event\":\"push\"}");
        assertThat(ContractJson.envelope(ContractJson.envelope(ENVELOPE))).isEqualTo(ENVELOPE);
    }

    @Test
    void fingerprintIsSha256HexOfTheRawBody() {
        assertThat(Fingerprint.of(new byte[0]))
                .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void duplicateAndDeadLetterExtendTheEnvelopeFlat() {
        String duplicate = new String(ContractJson.duplicate(new DuplicateRecord(ENVELOPE, Verdict.CONFLICT, "orig-1")),
                StandardCharsets.UTF_8);
        assertThat(duplicate).contains("\"body\":").endsWith(",\"verdict\":\"conflict\",\"original_event_id\":\"orig-1\"}");
        assertThat(ContractJson.duplicate(duplicate.getBytes(StandardCharsets.UTF_8)).verdict()).isEqualTo(Verdict.CONFLICT);

        DeadLetter letter = new DeadLetter(ENVELOPE, "Quantity \"ten\" is not a number.", Instant.parse("2026-11-28T10:15:31Z"));
        String dlq = new String(ContractJson.deadLetter(letter), StandardCharsets.UTF_8);
        assertThat(dlq).endsWith(",\"error\":\"Quantity \\\"ten\\\" is not a number.\",\"failed_at\":\"2026-11-28T10:15:31.000Z\"}");
        assertThat(ContractJson.deadLetter(dlq.getBytes(StandardCharsets.UTF_8))).isEqualTo(letter);
    }

    @Test
    void forgetCommandIsJustItsOp() {
        assertThat(new String(ContractJson.command(Command.FORGET), StandardCharsets.UTF_8)).isEqualTo("{\"op\":\"forget\"}");
        assertThat(ContractJson.command("{\"op\":\"forget\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo(Command.FORGET);
    }

    @Test
    void serdeReportsRecordsThatBreakTheContract() {
        var deserializer = ContractSerdes.envelope().deserializer();
        assertThatThrownBy(() -> deserializer.deserialize("t.inbound", "{\"provider\":\"github\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("missing field event_id");
        assertThatThrownBy(() -> deserializer.deserialize("t.inbound", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not JSON");
    }

    @Test
    void recordKeyIsProviderColonKey() {
        assertThat(ENVELOPE.key().kafkaKey()).isEqualTo("github:delivery-1");
        assertThat(DedupKey.parse("stripe:evt_1")).isEqualTo(new DedupKey(Provider.STRIPE, "evt_1"));
        assertThatThrownBy(() -> DedupKey.parse("stripe:has space")).hasMessageContaining("Invalid idempotency key format");
        assertThatThrownBy(() -> DedupKey.parse("paypal:x")).hasMessageContaining("unknown provider");
        assertThat(DedupKey.isValidKey("a".repeat(255))).isTrue();
        assertThat(DedupKey.isValidKey("a".repeat(256))).isFalse();
        assertThat(DedupKey.isValidKey("webhook;drop;table")).isFalse();
    }
}
