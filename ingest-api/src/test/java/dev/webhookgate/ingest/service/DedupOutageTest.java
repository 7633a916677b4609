package dev.webhookgate.ingest.service;

import dev.webhookgate.fixture.TestHttp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.ingest.support.Stack;
import dev.webhookgate.ingest.support.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DedupOutageTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    @Test
    void withDedupStoppedTheDeliveryIsQueuedAndStillDeduplicatedOnceItIsBack() {
        try (Stack stack = Stack.start(kafka.bootstrapServers(), kafka.createRandomTopics(Stack.PARTITIONS))) {
            stack.stopDedup();
            String key = "k-" + UUID.randomUUID();
            String body = "{\"type\":\"order.created\"}";
            TestHttp.Reply queued = stack.http().post("/api/v1/webhooks/custom", body, Map.of("X-Idempotency-Key", key));
            assertThat(queued.status()).as(queued.text()).isEqualTo(202);
            assertThat(queued.text()).startsWith("{\"status\":\"queued\",\"provider\":\"custom\",\"idempotency_key\":\"" + key + "\"");
            // a missing verdict service means 202s, not unreadiness
            assertThat(stack.http().get("/health/ready").status()).isEqualTo(200);

            stack.startDedup();
            // the provider retries until it gets a 200; a restarted dedup-streams may still be catching up at first
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                TestHttp.Reply retry = stack.http().post("/api/v1/webhooks/custom", body, Map.of("X-Idempotency-Key", key));
                assertThat(retry.status()).as(retry.text()).isEqualTo(200);
                assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
                assertThat(retry.text()).isEqualTo(queued.text().replace("\"status\":\"queued\"", "\"status\":\"accepted\""));
            });

            String eventId = ContractJson.tree(queued.text().getBytes(StandardCharsets.UTF_8)).get("event_id").asText();
            try (TopicReader unique = stack.reader(stack.topics().unique());
                 TopicReader duplicates = stack.reader(stack.topics().duplicates())) {
                await().atMost(Duration.ofSeconds(20)).until(() -> !duplicates.valuesFor("custom:" + key).isEmpty());
                assertThat(unique.valuesFor("custom:" + key)).singleElement().asString().contains(eventId);
            }
        }
    }
}
