package dev.webhookgate.ingest.service;

import dev.webhookgate.fixture.TestHttp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.fixture.BrokerMode;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.ingest.support.Stack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Isolated (pom.xml runs classes two at a time): times the 503 against the 5 s bound.
@Isolated
class BrokerOutageTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.dedicated(BrokerMode.SEPARATE_PROCESS);

    @Test
    void withTheBrokerStoppedTheAnswerIs503RetryAfterAndTheRetrySucceedsOnceItIsBack() {
        try (Stack stack = Stack.start(kafka.bootstrapServers(), kafka.createRandomTopics(Stack.PARTITIONS))) {
            assertThat(stack.http().post("/api/v1/webhooks/custom", "{}", Map.of("X-Idempotency-Key", "warm-up")).status()).isEqualTo(200);

            kafka.broker().stop();
            String key = "k-" + UUID.randomUUID();
            long started = System.nanoTime();
            TestHttp.Reply refused = stack.http().post("/api/v1/webhooks/custom", "{\"n\":1}", Map.of("X-Idempotency-Key", key));
            assertThat(refused.status()).as(refused.text()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("5");
            assertThat(ContractJson.tree(refused.text().getBytes(StandardCharsets.UTF_8)).get("error").asText()).isEqualTo("unavailable");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(5)).until(() -> stack.http().get("/health/ready").status() == 503);

            kafka.broker().start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                TestHttp.Reply retry = stack.http().post("/api/v1/webhooks/custom", "{\"n\":1}", Map.of("X-Idempotency-Key", key));
                assertThat(retry.status()).as(retry.text()).isIn(200, 202);
            });
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                TestHttp.Reply again = stack.http().post("/api/v1/webhooks/custom", "{\"n\":1}", Map.of("X-Idempotency-Key", key));
                assertThat(again.status()).isEqualTo(200);
                assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
            });
        }
    }
}
