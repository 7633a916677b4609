package dev.webhookgate.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.ingest.support.Stack;
import dev.webhookgate.ingest.support.TopicReader;
import java.time.Duration;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Its own stack, because the record this makes is past Kafka's 1 MiB default: the ingest's producer and
 * the topics take it; a dedup-streams whose producer still has the default cannot forward it to unique
 * (found 2026-11-29: its stream thread dies on RecordTooLargeException), which must not take down the
 * dedup-streams other test classes share. The 2xx is the ingest's promise: the delivery is durable.
 */
class LargeBodyTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    @Test
    void aFullSizeBodyThatDoublesWhenEscapedIsStillDurableAndTheNextByteIs413() {
        // 512 KiB of escaped backslashes doubles once escaped again into the envelope: past Kafka's 1 MiB default
        String body = "{\"blob\":\"" + "\\\\".repeat((524_288 - 12) / 2) + "\"}";
        assertThat(body.length()).isLessThanOrEqualTo(524_288);
        try (Stack stack = Stack.start(kafka.bootstrapServers(), kafka.createRandomTopics(Stack.PARTITIONS))) {
            String key = "big-" + UUID.randomUUID();
            HttpResponse<String> accepted = stack.http().post("/api/v1/webhooks/custom", body, Map.of("X-Idempotency-Key", key));
            assertThat(accepted.statusCode()).as(accepted.body()).isIn(200, 202);
            try (TopicReader inbound = stack.reader(stack.topics().inbound())) {
                await().atMost(Duration.ofSeconds(15)).until(() -> !inbound.valuesFor("custom:" + key).isEmpty());
                String envelope = inbound.valuesFor("custom:" + key).get(0);
                assertThat(envelope.length()).isGreaterThan(1024 * 1024);
                assertThat(ContractJson.tree(envelope.getBytes(StandardCharsets.UTF_8)).get("body").asText()).isEqualTo(body);
            }

            String tooBig = body + " ".repeat(524_289 - body.length());
            HttpResponse<String> refused = stack.http().post("/api/v1/webhooks/custom", tooBig, Map.of("X-Idempotency-Key", "big-" + UUID.randomUUID()));
            assertThat(refused.statusCode()).isEqualTo(413);
            assertThat(ContractJson.tree(refused.body().getBytes(StandardCharsets.UTF_8)).get("error").asText()).isEqualTo("payload_too_large");
        }
    }
}
