package dev.webhookgate.ingest.service;

import dev.webhookgate.fixture.TestHttp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.ingest.support.Stack;
import dev.webhookgate.ingest.support.TopicReader;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Its own stack, because the record this makes is past Kafka's 1 MiB default: every producer on its way
 * (the ingest's, and the Streams producer forwarding it to unique) must take it. Found 2026-11-29: a
 * dedup-streams with the default died on RecordTooLargeException, and again on the same record after a
 * restart, so one large delivery stopped deduplication for good.
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
            TestHttp.Reply accepted = stack.http().post("/api/v1/webhooks/custom", body, Map.of("X-Idempotency-Key", key));
            assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
            try (TopicReader inbound = stack.reader(stack.topics().inbound())) {
                await().atMost(Duration.ofSeconds(15)).until(() -> !inbound.valuesFor("custom:" + key).isEmpty());
                String envelope = inbound.valuesFor("custom:" + key).get(0);
                assertThat(envelope.length()).isGreaterThan(1024 * 1024);
                assertThat(ContractJson.tree(envelope.getBytes(StandardCharsets.UTF_8)).get("body").asText()).isEqualTo(body);
            }
            try (TopicReader unique = stack.reader(stack.topics().unique())) {
                await().atMost(Duration.ofSeconds(15)).until(() -> !unique.valuesFor("custom:" + key).isEmpty());
            }
            TestHttp.Reply retry = stack.http().post("/api/v1/webhooks/custom", body, Map.of("X-Idempotency-Key", key));
            assertThat(retry.status()).as("the dedup stream thread survived and still answers").isEqualTo(200);
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");

            String tooBig = body + " ".repeat(524_289 - body.length());
            TestHttp.Reply refused = stack.http().post("/api/v1/webhooks/custom", tooBig, Map.of("X-Idempotency-Key", "big-" + UUID.randomUUID()));
            assertThat(refused.status()).isEqualTo(413);
            assertThat(ContractJson.tree(refused.text().getBytes(StandardCharsets.UTF_8)).get("error").asText()).isEqualTo("payload_too_large");
        }
    }
}
