package dev.webhookgate.ingest.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.UtcMillis;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.http.ApiException;
import dev.webhookgate.ingest.verdict.VerdictAnswer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision alone; the whole protocol runs against a real broker and dedup-streams in the service tests. */
class AckProtocolDecisionTest {

    private static final WebhookEnvelope MINE = new WebhookEnvelope("evt-mine", Provider.STRIPE, "k1",
            Instant.parse("2026-11-28T10:15:30.123Z"), "sha256:aa", "application/json", Map.of(), "{}");
    private static final Ack OWN = new Ack("stripe", "k1", "evt-mine", UtcMillis.format(MINE.receivedAt()));

    private static String text(Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Test
    void ownEventIsAFreshAcceptedAckInContractFieldOrder() {
        Answer answer = AckProtocol.decide(MINE, OWN, new VerdictAnswer.FirstDelivery("evt-mine", "2026-11-28T10:15:30.123Z", "sha256:aa"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.replayed()).isFalse();
        assertThat(text(answer)).isEqualTo("{\"status\":\"accepted\",\"provider\":\"stripe\",\"idempotency_key\":\"k1\","
                + "\"event_id\":\"evt-mine\",\"received_at\":\"2026-11-28T10:15:30.123Z\"}");
    }

    @Test
    void sameFingerprintIsAReplayOfTheStoredAck() {
        Answer answer = AckProtocol.decide(MINE, OWN, new VerdictAnswer.FirstDelivery("evt-first", "2026-11-28T10:00:00.000Z", "sha256:aa"));
        assertThat(answer.replayed()).isTrue();
        assertThat(text(answer)).contains("\"event_id\":\"evt-first\"", "\"received_at\":\"2026-11-28T10:00:00.000Z\"");
    }

    @Test
    void otherFingerprintIsA422() {
        assertThatThrownBy(() -> AckProtocol.decide(MINE, OWN, new VerdictAnswer.FirstDelivery("evt-first", "2026-11-28T10:00:00.000Z",
                "sha256:bb"))).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("idempotency_key_reused");
                });
    }

    @Test
    void noVerdictIsA202WithThisDeliverysAckQueued() {
        Answer answer = AckProtocol.decide(MINE, OWN, new VerdictAnswer.Unknown("timeout"));
        assertThat(answer.status()).isEqualTo(202);
        assertThat(text(answer)).startsWith("{\"status\":\"queued\",").contains("\"event_id\":\"evt-mine\"");
    }
}
